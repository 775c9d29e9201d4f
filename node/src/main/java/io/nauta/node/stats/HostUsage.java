package io.nauta.node.stats;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * The machine's CPU time, memory and boot time from {@code /proc/stat} and {@code /proc/meminfo}
 * text. Pure.
 *
 * @param cpuNanos CPU time spent by all cores outside idle and I/O wait, in nanoseconds
 * @param memoryTotal total memory, bytes
 * @param memoryAvailable memory available for new work without swapping, bytes
 * @param memoryFree memory not used at all, bytes
 * @param bootTime when the machine started
 */
public record HostUsage(
    long cpuNanos, long memoryTotal, long memoryAvailable, long memoryFree, Instant bootTime) {
  /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ). */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** Parses the two files' contents. */
  public static HostUsage parse(String procStat, String meminfo) {
    long cpu = 0;
    long boot = 0;
    for (String line : procStat.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f[0].equals("cpu")) {
        // user nice system idle iowait irq softirq steal (guest time is included in user)
        int[] busy = {1, 2, 3, 6, 7, 8};
        for (int i : busy) {
          if (i < f.length) {
            cpu += Long.parseLong(f[i]);
          }
        }
      } else if (f[0].equals("btime") && f.length > 1) {
        boot = Long.parseLong(f[1]);
      }
    }
    return new HostUsage(
        cpu * NANOS_PER_TICK,
        kib(meminfo, "MemTotal").orElse(0),
        kib(meminfo, "MemAvailable").orElse(0),
        kib(meminfo, "MemFree").orElse(0),
        Instant.ofEpochSecond(boot));
  }

  /** Memory in use the way kubelets count a working set: all but what is available. */
  public long workingSetBytes() {
    return Math.max(0, memoryTotal - memoryAvailable);
  }

  private static OptionalLong kib(String meminfo, String key) {
    for (String line : meminfo.split("\n")) {
      if (line.startsWith(key + ":")) {
        String[] f = line.substring(key.length() + 1).trim().split("\\s+");
        return OptionalLong.of(Long.parseLong(f[0]) * 1024);
      }
    }
    return OptionalLong.empty();
  }
}
