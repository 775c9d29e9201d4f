package io.nauta.simulator;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every simulated node looks like: capacity, labels and taints. Names are {@code prefix}
 * followed by a number.
 *
 * @param prefix node name prefix, e.g. {@code sim-}
 * @param cpu e.g. {@code 8}
 * @param memory e.g. {@code 32Gi}
 * @param pods the pod capacity, e.g. {@code 110}
 * @param labels extra labels
 * @param taints taints
 * @param zones when positive, node {@code i} is labelled {@code topology.kubernetes.io/zone=zone-(i
 *     mod zones)}, for topology-spread tests
 */
public record NodeTemplate(
    String prefix,
    String cpu,
    String memory,
    String pods,
    Map<String, String> labels,
    List<Taint> taints,
    int zones) {
  public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

  /** The label every simulated node carries, so nobody mistakes it for a real one. */
  public static final String SIMULATED_LABEL = "nauta.io/simulated";

  public NodeTemplate {
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
  }

  /** Nodes all in no zone. */
  public NodeTemplate(
      String prefix,
      String cpu,
      String memory,
      String pods,
      Map<String, String> labels,
      List<Taint> taints) {
    this(prefix, cpu, memory, pods, labels, taints, 0);
  }

  String name(int i) {
    return prefix + i;
  }

  /** The Node object (without status) for node number {@code i}. */
  Node node(int i) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put("kubernetes.io/hostname", name(i));
    if (zones > 0) {
      all.put(ZONE_LABEL, "zone-" + (i % zones));
    }
    all.put("kubernetes.io/os", "linux");
    all.put(SIMULATED_LABEL, "true");
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name(i))
        .withLabels(all)
        .addToAnnotations(SIMULATED_LABEL, "no containers run here: a Nauta simulated node")
        .endMetadata()
        .withNewSpec()
        .withTaints(taints)
        .endSpec()
        .build();
  }

  /** The resources the node offers. */
  Map<String, Quantity> resources() {
    Map<String, Quantity> r = new LinkedHashMap<>();
    r.put("cpu", new Quantity(cpu));
    r.put("memory", new Quantity(memory));
    r.put("pods", new Quantity(pods));
    return r;
  }

  /** A Ready condition stamped {@code now}. */
  static NodeCondition ready(String now) {
    return new NodeConditionBuilder()
        .withType("Ready")
        .withStatus("True")
        .withReason("SimulatedNodeReady")
        .withMessage("simulated node: reports ready, runs no containers")
        .withLastHeartbeatTime(now)
        .withLastTransitionTime(now)
        .build();
  }
}
