package io.nauta.node.resources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.cri.v1.LinuxContainerResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod-level cgroup each pod's sandbox and containers live under, laid out as a kubelet does:
 * {@code /kubepods/pod<uid>} for Guaranteed pods, {@code /kubepods/burstable/pod<uid>} and {@code
 * /kubepods/besteffort/pod<uid>} for the others (with the systemd driver the same as slices, e.g.
 * {@code kubepods-burstable-pod<uid>.slice}). With the cgroupfs driver on cgroup v1 the pod cgroup
 * also gets the pod's total limits: CPU shares from the requests, a CFS quota and a memory limit
 * when every container declares one. Thread-safe.
 */
public final class PodCgroups {
  private static final Logger LOG = LoggerFactory.getLogger(PodCgroups.class);
  static final String ROOT = "kubepods";

  /** How the runtime names cgroups; {@link #NONE} leaves the placement to the runtime. */
  public enum Driver {
    CGROUPFS,
    SYSTEMD,
    NONE
  }

  private final Driver driver;
  private final Path mount;

  /**
   * @param mount where the cgroup hierarchies are mounted, normally {@code /sys/fs/cgroup}
   */
  public PodCgroups(Driver driver, Path mount) {
    this.driver = driver;
    this.mount = mount;
  }

  /** The driver named in containerd's verbose status {@code config}: systemd or cgroupfs. */
  public static Driver driverOf(Map<String, String> runtimeInfo) {
    String config = runtimeInfo.getOrDefault("config", "").replace(" ", "");
    return config.contains("\"SystemdCgroup\":true") ? Driver.SYSTEMD : Driver.CGROUPFS;
  }

  public Driver driver() {
    return driver;
  }

  /** The cgroup parent of the pod's sandbox and containers ("" with {@link Driver#NONE}). */
  public String parent(Pod pod) {
    QosClass qos = QosClass.of(pod);
    String uid = pod.getMetadata().getUid();
    return switch (driver) {
      case NONE -> "";
      case CGROUPFS ->
          "/"
              + ROOT
              + (qos == QosClass.Guaranteed ? "" : "/" + qos.name().toLowerCase())
              + "/pod"
              + uid;
      case SYSTEMD ->
          ROOT
              + (qos == QosClass.Guaranteed ? "" : "-" + qos.name().toLowerCase())
              + "-pod"
              + uid.replace('-', '_')
              + ".slice";
    };
  }

  /**
   * The pod's total resources: CPU shares from the requests, a CFS quota only when every container
   * has a CPU limit and a memory limit only when every container has one. The requests and limits
   * of init containers count as the largest one of them (with the sidecars started before it),
   * since they run before the regular containers.
   */
  public static LinuxContainerResources podResources(Pod pod) {
    long cpuRequest = total(pod, c -> Quantities.milliRequest(c, "cpu"));
    LinuxContainerResources.Builder b =
        LinuxContainerResources.newBuilder()
            .setCpuShares(
                QosClass.of(pod) == QosClass.BestEffort
                    ? ContainerResources.MIN_SHARES
                    : ContainerResources.shares(cpuRequest))
            .setCpuPeriod(ContainerResources.CPU_PERIOD_US);
    if (allDeclare(pod, c -> Quantities.milliLimit(c, "cpu"))) {
      long cpuLimit = total(pod, c -> Quantities.milliLimit(c, "cpu"));
      b.setCpuQuota(ContainerResources.quota(cpuLimit, ContainerResources.CPU_PERIOD_US));
    }
    if (allDeclare(pod, c -> Quantities.limit(c, "memory"))) {
      b.setMemoryLimitInBytes(total(pod, c -> Quantities.limit(c, "memory")));
    }
    return b.build();
  }

  private static long total(Pod pod, java.util.function.ToLongFunction<Container> amount) {
    long sidecars = 0;
    long largestInit = 0;
    for (Container c : pod.getSpec().getInitContainers()) {
      if ("Always".equals(c.getRestartPolicy())) {
        sidecars += amount.applyAsLong(c);
      } else {
        largestInit = Math.max(largestInit, sidecars + amount.applyAsLong(c));
      }
    }
    long regular = sidecars;
    for (Container c : pod.getSpec().getContainers()) {
      regular += amount.applyAsLong(c);
    }
    return Math.max(regular, largestInit);
  }

  private static boolean allDeclare(Pod pod, java.util.function.ToLongFunction<Container> amount) {
    return java.util.stream.Stream.concat(
            pod.getSpec().getContainers().stream(), pod.getSpec().getInitContainers().stream())
        .allMatch(c -> amount.applyAsLong(c) > 0);
  }

  /**
   * Creates the pod cgroup with the pod's limits (cgroupfs on cgroup v1 only; elsewhere the runtime
   * creates the parent without pod-level limits). Best effort: a failure is logged, the containers
   * keep their own limits. Idempotent.
   */
  public void prepare(Pod pod) {
    if (driver != Driver.CGROUPFS || !Files.isDirectory(mount.resolve("memory"))) {
      return;
    }
    LinuxContainerResources r = podResources(pod);
    String parent = parent(pod).substring(1);
    try {
      Path cpu = Files.createDirectories(mount.resolve("cpu").resolve(parent));
      write(cpu.resolve("cpu.shares"), r.getCpuShares());
      write(cpu.resolve("cpu.cfs_period_us"), r.getCpuPeriod());
      write(cpu.resolve("cpu.cfs_quota_us"), r.getCpuQuota() == 0 ? -1 : r.getCpuQuota());
      Path memory = Files.createDirectories(mount.resolve("memory").resolve(parent));
      write(
          memory.resolve("memory.limit_in_bytes"),
          r.getMemoryLimitInBytes() == 0 ? -1 : r.getMemoryLimitInBytes());
    } catch (IOException | RuntimeException e) {
      LOG.info("pod cgroup {} without pod-level limits: {}", parent, e.toString());
    }
  }

  /**
   * Removes the pod cgroup from every hierarchy once its sandbox and containers are gone (their own
   * cgroups are removed by the runtime). Best effort and idempotent.
   */
  public void remove(Pod pod) {
    if (driver != Driver.CGROUPFS) {
      return;
    }
    String parent = parent(pod).substring(1);
    try (var hierarchies = Files.list(mount)) {
      for (Path h : hierarchies.toList()) {
        Path dir = h.resolve(parent);
        if (Files.isDirectory(dir)) {
          try {
            Files.delete(dir); // rmdir of an empty cgroup
          } catch (IOException e) {
            LOG.debug("cgroup {} not removed: {}", dir, e.toString());
          }
        }
      }
    } catch (IOException e) {
      LOG.debug("cgroups under {} not listed: {}", mount, e.toString());
    }
  }

  private static void write(Path file, long value) throws IOException {
    Files.writeString(file, Long.toString(value));
  }
}
