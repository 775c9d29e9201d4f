package io.nauta.apiserver.resourcemetrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's stats summary as read from its agent (a kubelet's {@code /stats/summary} document):
 * the node's and each running container's CPU and memory at the moment they were measured.
 *
 * @param node the node's name
 * @param usage the node's usage
 * @param pods the pods' containers
 */
public record Summary(String node, Usage usage, List<PodUsage> pods) {
  public Summary {
    pods = List.copyOf(pods);
  }

  /**
   * CPU and memory of a node or container at {@code time}.
   *
   * @param cpuCoreNanos cumulative CPU time in core-nanoseconds, or null when the source has no
   *     counter (simulated nodes report a rate only)
   * @param nanoCores the rate the source measured itself, or null
   * @param workingSetBytes memory working set
   */
  public record Usage(Instant time, Long cpuCoreNanos, Long nanoCores, long workingSetBytes) {}

  /** A pod's containers. */
  public record PodUsage(String namespace, String name, List<ContainerUsage> containers) {
    public PodUsage {
      containers = List.copyOf(containers);
    }
  }

  /**
   * A container's usage.
   *
   * @param startTime when the container started, or null; a new start time is a new container
   */
  public record ContainerUsage(String name, Instant startTime, Usage usage) {}

  /**
   * Reads a stats summary document; parts without a CPU or memory sample (a container just
   * starting) are left out.
   *
   * @throws IllegalArgumentException when the document has no node
   */
  public static Summary parse(JsonNode doc) {
    JsonNode n = doc.path("node");
    String name = n.path("nodeName").asText("");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a stats summary without a node name");
    }
    Usage nodeUsage = usage(n);
    List<PodUsage> pods = new ArrayList<>();
    for (JsonNode p : doc.path("pods")) {
      List<ContainerUsage> containers = new ArrayList<>();
      for (JsonNode c : p.path("containers")) {
        Usage u = usage(c);
        if (u != null) {
          containers.add(new ContainerUsage(c.path("name").asText(), time(c.path("startTime")), u));
        }
      }
      pods.add(
          new PodUsage(
              p.path("podRef").path("namespace").asText(),
              p.path("podRef").path("name").asText(),
              containers));
    }
    return new Summary(name, nodeUsage, pods);
  }

  /** The usage of a summary part, or null when it lacks a CPU time or a working set. */
  private static Usage usage(JsonNode part) {
    JsonNode cpu = part.path("cpu");
    JsonNode mem = part.path("memory");
    Instant at = time(cpu.path("time"));
    if (at == null
        || !mem.has("workingSetBytes")
        || !(cpu.has("usageCoreNanoSeconds") || cpu.has("usageNanoCores"))) {
      return null;
    }
    return new Usage(
        at,
        cpu.has("usageCoreNanoSeconds") ? cpu.get("usageCoreNanoSeconds").asLong() : null,
        cpu.has("usageNanoCores") ? cpu.get("usageNanoCores").asLong() : null,
        mem.get("workingSetBytes").asLong());
  }

  private static Instant time(JsonNode t) {
    if (!t.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(t.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
