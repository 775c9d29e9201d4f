package io.nauta.node.resources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.cri.v1.LinuxContainerResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A container's requests and limits as the cgroup settings runc applies, by a kubelet's rules: CPU
 * shares from the CPU request (1024 per core, at least 2), a CFS quota over a 100 ms period from
 * the CPU limit (at least 1 ms), the memory limit (with swap capped at the same value where the
 * kernel accounts swap), and an OOM score adjustment by QoS class. Pure.
 *
 * @param memoryCapacity the node's memory in bytes (scales a Burstable container's OOM score)
 * @param oomScoreFloor the lowest OOM score adjustment the runtime may set (0 on hosts without
 *     CAP_SYS_RESOURCE, where containerd refuses anything lower)
 * @param swapAccounted whether the memory cgroup accounts swap (memory.memsw.* exists)
 */
public record ContainerResources(long memoryCapacity, int oomScoreFloor, boolean swapAccounted) {
  public static final long CPU_PERIOD_US = 100_000;
  static final long MIN_SHARES = 2;
  static final long MAX_SHARES = 262_144;
  static final long MIN_QUOTA_US = 1_000;
  static final int GUARANTEED_OOM_SCORE_ADJ = -997;
  static final int BEST_EFFORT_OOM_SCORE_ADJ = 1000;

  private static final int CAP_SYS_RESOURCE = 24;

  /**
   * The settings for this host: its memory, the OOM score floor of this process (a runtime started
   * by it inherits both its capabilities and its score) and whether swap is accounted.
   */
  public static ContainerResources forThisHost(long memoryCapacity, Path cgroupMount) {
    return new ContainerResources(
        memoryCapacity,
        oomScoreFloor(
            read(Path.of("/proc/self/status")), read(Path.of("/proc/self/oom_score_adj"))),
        Files.exists(cgroupMount.resolve("memory/memory.memsw.limit_in_bytes")));
  }

  /**
   * The lowest OOM score adjustment a process may give its children: anything (-1000) with
   * CAP_SYS_RESOURCE in its effective set ({@code CapEff} of {@code /proc/self/status}), else its
   * own adjustment, since lowering it needs that capability.
   */
  static int oomScoreFloor(String procStatus, String ownAdj) {
    for (String line : procStatus.split("\n")) {
      if (line.startsWith("CapEff:")) {
        long caps = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
        if ((caps & (1L << CAP_SYS_RESOURCE)) != 0) {
          return -1000;
        }
      }
    }
    try {
      return Math.max(-1000, Math.min(1000, Integer.parseInt(ownAdj.strip())));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  /** CPU shares for a request in millicores: 1024 per core, between 2 and 262144. */
  public static long shares(long milliCpu) {
    if (milliCpu == 0) {
      return MIN_SHARES;
    }
    long shares = milliCpu * 1024 / 1000;
    return Math.max(MIN_SHARES, Math.min(MAX_SHARES, shares));
  }

  /** The CFS quota (µs per {@code periodUs}) for a limit in millicores; 0 means unlimited. */
  public static long quota(long milliCpu, long periodUs) {
    if (milliCpu == 0) {
      return 0;
    }
    return Math.max(MIN_QUOTA_US, milliCpu * periodUs / 1000);
  }

  /** The cgroup settings of container {@code c} of {@code pod}. */
  public LinuxContainerResources of(Pod pod, Container c) {
    long cpuRequest = Quantities.milliRequest(c, "cpu");
    long cpuLimit = Quantities.milliLimit(c, "cpu");
    long memoryLimit = Quantities.limit(c, "memory");
    LinuxContainerResources.Builder b =
        LinuxContainerResources.newBuilder()
            // a request defaults to the limit (the API server does so; older objects may lack it)
            .setCpuShares(shares(cpuRequest == 0 ? cpuLimit : cpuRequest))
            .setCpuPeriod(CPU_PERIOD_US)
            .setCpuQuota(quota(cpuLimit, CPU_PERIOD_US))
            .setOomScoreAdj(Math.max(oomScoreFloor, oomScoreAdj(pod, c)));
    if (memoryLimit > 0) {
      b.setMemoryLimitInBytes(memoryLimit);
      if (swapAccounted) {
        b.setMemorySwapLimitInBytes(memoryLimit); // no swap beyond the limit
      }
    }
    return b.build();
  }

  /**
   * The kubelet's OOM score adjustment: -997 for Guaranteed pods, 1000 for BestEffort, and for
   * Burstable {@code 1000 - 1000 * memoryRequest / memoryCapacity} kept within 2..999, so a
   * container requesting more memory is killed later.
   */
  public int oomScoreAdj(Pod pod, Container c) {
    return switch (QosClass.of(pod)) {
      case Guaranteed -> GUARANTEED_OOM_SCORE_ADJ;
      case BestEffort -> BEST_EFFORT_OOM_SCORE_ADJ;
      case Burstable -> {
        long request = Quantities.request(c, "memory");
        long adj =
            memoryCapacity <= 0 ? 999 : 1000 - (long) Math.floor(1000.0 * request / memoryCapacity);
        yield (int) Math.max(2, Math.min(999, adj));
      }
    };
  }
}
