package io.nauta.node.status;

import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.nauta.node.machine.Machine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node's status as the agent reports it: capacity from the machine (and the pod limit),
 * allocatable after the reserve kept for the system, the four conditions kubelets post with their
 * reasons, addresses and node info. Conditions keep their transition time while their status stays.
 * Pure.
 */
final class NodeStatuses {
  /** Pods a node takes, Kubernetes' default. */
  static final int MAX_PODS = 110;

  /** Memory kept back from pods: Kubernetes' default hard eviction threshold. */
  static final long MEMORY_RESERVE = 100L << 20;

  private NodeStatuses() {}

  /**
   * @param ready whether the node can run pods (its container runtime answers), and why not
   */
  static NodeStatus build(
      Machine m,
      String nodeName,
      String nodeIp,
      String runtimeVersion,
      Readiness ready,
      NodeStatus previous,
      Instant now) {
    return build(m, nodeName, nodeIp, runtimeVersion, ready, Pressure.NONE, previous, now);
  }

  /** As above, with the machine's {@code pressure} in the pressure conditions. */
  static NodeStatus build(
      Machine m,
      String nodeName,
      String nodeIp,
      String runtimeVersion,
      Readiness ready,
      Pressure pressure,
      NodeStatus previous,
      Instant now) {
    Map<String, Quantity> capacity = new LinkedHashMap<>();
    capacity.put("cpu", new Quantity(Integer.toString(m.cpus())));
    capacity.put("memory", new Quantity((m.memoryBytes() / 1024) + "Ki"));
    capacity.put("pods", new Quantity(Integer.toString(MAX_PODS)));
    capacity.put("ephemeral-storage", new Quantity((m.storageBytes() / 1024) + "Ki"));
    Map<String, Quantity> allocatable = new LinkedHashMap<>(capacity);
    allocatable.put(
        "memory", new Quantity((Math.max(0, m.memoryBytes() - MEMORY_RESERVE) / 1024) + "Ki"));
    String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
    List<NodeCondition> conditions = new ArrayList<>();
    conditions.add(
        pressure.memory()
            ? condition(
                previous,
                "MemoryPressure",
                "True",
                "KubeletHasInsufficientMemory",
                "kubelet has insufficient memory available",
                at)
            : condition(
                previous,
                "MemoryPressure",
                "False",
                "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available",
                at));
    conditions.add(
        pressure.disk()
            ? condition(
                previous,
                "DiskPressure",
                "True",
                "KubeletHasDiskPressure",
                "kubelet has disk pressure",
                at)
            : condition(
                previous,
                "DiskPressure",
                "False",
                "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure",
                at));
    conditions.add(
        pressure.pids()
            ? condition(
                previous,
                "PIDPressure",
                "True",
                "KubeletHasInsufficientPID",
                "kubelet has insufficient PID available",
                at)
            : condition(
                previous,
                "PIDPressure",
                "False",
                "KubeletHasSufficientPID",
                "kubelet has sufficient PID available",
                at));
    conditions.add(
        ready.ready()
            ? condition(
                previous, "Ready", "True", "KubeletReady", "kubelet is posting ready status", at)
            : condition(previous, "Ready", "False", "KubeletNotReady", ready.reason(), at));
    return new NodeStatusBuilder()
        .withCapacity(capacity)
        .withAllocatable(allocatable)
        .withConditions(conditions)
        .withAddresses(
            new NodeAddressBuilder().withType("InternalIP").withAddress(nodeIp).build(),
            new NodeAddressBuilder().withType("Hostname").withAddress(nodeName).build())
        .withNewNodeInfo()
        .withMachineID(m.machineId())
        .withSystemUUID(m.machineId())
        .withBootID("")
        .withKernelVersion(m.kernelVersion())
        .withOsImage(m.osImage())
        .withContainerRuntimeVersion(runtimeVersion)
        .withKubeletVersion(NodeAgentVersion.VERSION)
        .withKubeProxyVersion(NodeAgentVersion.VERSION)
        .withOperatingSystem("linux")
        .withArchitecture(m.architecture())
        .endNodeInfo()
        .withNewDaemonEndpoints()
        .withNewKubeletEndpoint()
        .withPort(NodeAgentVersion.AGENT_PORT)
        .endKubeletEndpoint()
        .endDaemonEndpoints()
        .build();
  }

  /** Whether two statuses differ in anything but heartbeat times. */
  static boolean sameIgnoringHeartbeats(NodeStatus a, NodeStatus b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(a.getCapacity(), b.getCapacity())
        && Objects.equals(a.getAllocatable(), b.getAllocatable())
        && Objects.equals(a.getAddresses(), b.getAddresses())
        && Objects.equals(a.getNodeInfo(), b.getNodeInfo())
        && Objects.equals(a.getDaemonEndpoints(), b.getDaemonEndpoints())
        && Objects.equals(statuses(a), statuses(b))
        && Objects.equals(a.getImages(), b.getImages());
  }

  private static List<String> statuses(NodeStatus s) {
    return s.getConditions().stream().map(c -> c.getType() + "=" + c.getStatus()).toList();
  }

  private static NodeCondition condition(
      NodeStatus previous, String type, String status, String reason, String message, String at) {
    NodeCondition before =
        previous == null
            ? null
            : previous.getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElse(null);
    String since =
        before != null
                && status.equals(before.getStatus())
                && before.getLastTransitionTime() != null
            ? before.getLastTransitionTime()
            : at;
    return new NodeConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastHeartbeatTime(at)
        .withLastTransitionTime(since)
        .build();
  }
}
