package io.nauta.controllers.daemonset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a DaemonSet waits before replacing a failed pod on the same node again: 1 s after the
 * first failure, doubling with each one up to 15 minutes, forgotten after twice the longest delay
 * without failures (Kubernetes' failedPodsBackoff). Thread-safe.
 */
final class FailedPodBackoff {
  static final Duration INITIAL = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofMinutes(15);

  private record Entry(Duration delay, Instant last) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;

  FailedPodBackoff(Clock clock) {
    this.clock = clock;
  }

  /**
   * How long to wait before acting on a failed pod for {@code key} ({@code dsUid/node}); zero when
   * it may be replaced now.
   */
  Duration remaining(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), e.last().plus(e.delay()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** A failed pod for {@code key} is being replaced now: the next one waits longer. */
  void failed(String key) {
    Instant now = clock.instant();
    entries.compute(
        key,
        (k, e) -> {
          if (e == null || now.isAfter(e.last().plus(MAX.multipliedBy(2)))) {
            return new Entry(INITIAL, now);
          }
          Duration next = e.delay().multipliedBy(2);
          return new Entry(next.compareTo(MAX) > 0 ? MAX : next, now);
        });
  }
}
