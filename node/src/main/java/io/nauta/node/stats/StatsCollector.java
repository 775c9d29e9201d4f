package io.nauta.node.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.cri.CriClient;
import io.nauta.cri.v1.ContainerStats;
import io.nauta.cri.v1.PodSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the stats summary on request: the node from /proc, the pods' running containers from the
 * runtime's ListContainerStats (grouped by the kubelet labels on them), CPU rates from the runtime
 * or, failing that, from the previous request. Thread-safe.
 */
public final class StatsCollector {
  private static final String POD_NAME = "io.kubernetes.pod.name";
  private static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
  private static final String POD_UID = "io.kubernetes.pod.uid";
  private static final String CONTAINER_NAME = "io.kubernetes.container.name";

  private final String nodeName;
  private final CriClient cri;
  private final Path proc;
  private final Clock clock;
  private final CpuRates rates = new CpuRates();

  /**
   * @param proc the proc filesystem ({@code /proc}; a directory with {@code stat} and {@code
   *     meminfo} in tests)
   */
  public StatsCollector(String nodeName, CriClient cri, Path proc, Clock clock) {
    this.nodeName = nodeName;
    this.cri = cri;
    this.proc = proc;
    this.clock = clock;
  }

  public ObjectNode summary() {
    Instant now = clock.instant();
    HostUsage host;
    try {
      host =
          HostUsage.parse(
              Files.readString(proc.resolve("stat")), Files.readString(proc.resolve("meminfo")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var nodeRate = rates.rate("", now, host.cpuNanos());
    List<StatsSummary.ContainerUsage> containers = new ArrayList<>();
    if (cri != null) {
      Map<String, Instant> podStarts = new HashMap<>();
      for (PodSandbox s : cri.listPodSandbox(null)) {
        podStarts.put(s.getLabelsOrDefault(POD_UID, ""), nanos(s.getCreatedAt()));
      }
      Map<String, Instant> created = new HashMap<>();
      cri.listContainers(null).forEach(c -> created.put(c.getId(), nanos(c.getCreatedAt())));
      Set<String> live = new HashSet<>(Set.of(""));
      for (ContainerStats s : cri.listContainerStats(null)) {
        var labels = s.getAttributes().getLabelsMap();
        String uid = labels.get(POD_UID);
        if (uid == null || !s.hasCpu()) {
          continue;
        }
        String id = s.getAttributes().getId();
        live.add(id);
        Instant at = s.getCpu().getTimestamp() > 0 ? nanos(s.getCpu().getTimestamp()) : now;
        long cpu = s.getCpu().getUsageCoreNanoSeconds().getValue();
        var ownRate = rates.rate(id, at, cpu);
        Long cores =
            s.getCpu().hasUsageNanoCores()
                ? Long.valueOf(s.getCpu().getUsageNanoCores().getValue())
                : ownRate.isPresent() ? Long.valueOf(ownRate.getAsLong()) : null;
        containers.add(
            new StatsSummary.ContainerUsage(
                labels.getOrDefault(POD_NAMESPACE, ""),
                labels.getOrDefault(POD_NAME, ""),
                uid,
                labels.getOrDefault(CONTAINER_NAME, s.getAttributes().getMetadata().getName()),
                podStarts.get(uid),
                created.get(id),
                at,
                cpu,
                cores,
                s.getMemory().getWorkingSetBytes().getValue(),
                s.getMemory().hasUsageBytes() ? s.getMemory().getUsageBytes().getValue() : null));
      }
      rates.retain(live);
    }
    return StatsSummary.build(
        nodeName,
        new StatsSummary.NodeUsage(
            now, host, nodeRate.isPresent() ? Long.valueOf(nodeRate.getAsLong()) : null),
        containers);
  }

  private static Instant nanos(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos);
  }
}
