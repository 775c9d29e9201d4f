package io.nauta.node.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU usage rates (nanocores) from cumulative CPU time seen at two moments, per key (the node, a
 * container id). The first sample of a key has no rate yet. Thread-safe.
 */
final class CpuRates {
  private record Sample(Instant time, long cpuNanos) {}

  private final Map<String, Sample> last = new HashMap<>();

  /** Records {@code cpuNanos} used by {@code key} up to {@code time}; the rate since the last. */
  synchronized OptionalLong rate(String key, Instant time, long cpuNanos) {
    Sample before = last.put(key, new Sample(time, cpuNanos));
    if (before == null || !time.isAfter(before.time()) || cpuNanos < before.cpuNanos()) {
      return OptionalLong.empty();
    }
    long elapsed = Duration.between(before.time(), time).toNanos();
    double cores = (double) (cpuNanos - before.cpuNanos()) / elapsed;
    return OptionalLong.of(Math.round(cores * 1_000_000_000L));
  }

  /** Forgets keys not in {@code live} (containers that are gone). */
  synchronized void retain(java.util.Set<String> live) {
    last.keySet().removeIf(k -> !live.contains(k));
  }
}
