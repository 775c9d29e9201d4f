package io.nauta.node.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stats summary document a kubelet serves at {@code /stats/summary}: the node's CPU and memory
 * and, per pod, its containers' and their sums. Fields a sample lacks are left out, as kubelets do.
 * Pure.
 */
public final class StatsSummary {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One container's usage.
   *
   * @param nanoCores CPU rate, or null when unknown yet
   * @param usageBytes memory usage including cache, or null
   */
  public record ContainerUsage(
      String namespace,
      String pod,
      String podUid,
      String container,
      Instant podStartTime,
      Instant startTime,
      Instant time,
      long cpuNanos,
      Long nanoCores,
      long workingSetBytes,
      Long usageBytes) {}

  /** The node's usage at {@code time}; {@code nanoCores} null when unknown yet. */
  public record NodeUsage(Instant time, HostUsage host, Long nanoCores) {}

  private StatsSummary() {}

  public static ObjectNode build(String nodeName, NodeUsage node, List<ContainerUsage> containers) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode n = root.putObject("node");
    n.put("nodeName", nodeName);
    n.put("startTime", time(node.host().bootTime()));
    cpu(n.putObject("cpu"), node.time(), node.nanoCores(), node.host().cpuNanos());
    ObjectNode mem = n.putObject("memory");
    mem.put("time", sampleTime(node.time()));
    mem.put("availableBytes", node.host().memoryAvailable());
    mem.put("usageBytes", node.host().memoryTotal() - node.host().memoryFree());
    mem.put("workingSetBytes", node.host().workingSetBytes());
    ArrayNode pods = root.putArray("pods");
    Map<String, List<ContainerUsage>> byPod = new LinkedHashMap<>();
    for (ContainerUsage c : containers) {
      byPod.computeIfAbsent(c.podUid(), k -> new java.util.ArrayList<>()).add(c);
    }
    byPod.forEach((uid, list) -> pods.add(pod(list)));
    return root;
  }

  private static ObjectNode pod(List<ContainerUsage> list) {
    ContainerUsage first = list.get(0);
    ObjectNode p = JSON.createObjectNode();
    ObjectNode ref = p.putObject("podRef");
    ref.put("name", first.pod());
    ref.put("namespace", first.namespace());
    ref.put("uid", first.podUid());
    if (first.podStartTime() != null) {
      p.put("startTime", time(first.podStartTime()));
    }
    ArrayNode cs = p.putArray("containers");
    Instant latest = Instant.EPOCH;
    long cpu = 0;
    Long cores = 0L;
    long workingSet = 0;
    Long usage = 0L;
    for (ContainerUsage c : list) {
      ObjectNode o = cs.addObject();
      o.put("name", c.container());
      if (c.startTime() != null) {
        o.put("startTime", time(c.startTime()));
      }
      cpu(o.putObject("cpu"), c.time(), c.nanoCores(), c.cpuNanos());
      memory(o.putObject("memory"), c.time(), c.workingSetBytes(), c.usageBytes());
      latest = c.time().isAfter(latest) ? c.time() : latest;
      cpu += c.cpuNanos();
      cores = cores == null || c.nanoCores() == null ? null : cores + c.nanoCores();
      workingSet += c.workingSetBytes();
      usage = usage == null || c.usageBytes() == null ? null : usage + c.usageBytes();
    }
    cpu(p.putObject("cpu"), latest, cores, cpu);
    memory(p.putObject("memory"), latest, workingSet, usage);
    return p;
  }

  private static void cpu(ObjectNode o, Instant at, Long nanoCores, long cpuNanos) {
    o.put("time", sampleTime(at));
    if (nanoCores != null) {
      o.put("usageNanoCores", nanoCores);
    }
    o.put("usageCoreNanoSeconds", cpuNanos);
  }

  private static void memory(ObjectNode o, Instant at, long workingSet, Long usage) {
    o.put("time", sampleTime(at));
    if (usage != null) {
      o.put("usageBytes", usage);
    }
    o.put("workingSetBytes", workingSet);
  }

  /**
   * When a sample was taken, to the nanosecond: rates computed from two samples' cumulative CPU
   * time need the interval exactly (a kubelet's whole seconds would be off by up to a second; RFC
   * 3339 parsers, Go's included, accept the fraction).
   */
  private static String sampleTime(Instant t) {
    return t.toString();
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
