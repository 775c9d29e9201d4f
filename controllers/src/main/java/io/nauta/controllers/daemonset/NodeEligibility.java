package io.nauta.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a node should run a DaemonSet's pod, as Kubernetes decides it: the pod's nodeName (if
 * any), nodeSelector and required node affinity must match the node, and its tolerations (with the
 * ones every daemon pod gets, {@link #withDaemonTolerations}) must tolerate the node's NoSchedule
 * and NoExecute taints. A pod that only fails a NoSchedule taint may keep running where it is. The
 * node need not be Ready. Stateless.
 */
final class NodeEligibility {
  static final String NOT_READY = "node.kubernetes.io/not-ready";
  static final String UNREACHABLE = "node.kubernetes.io/unreachable";

  /** Where a daemon pod belongs on a node: to be created there, or at least kept there. */
  record Decision(boolean shouldRun, boolean shouldContinueRunning) {}

  private NodeEligibility() {}

  static Decision decide(Node node, PodSpec daemonSpec) {
    String nodeName = node.getMetadata().getName();
    if (daemonSpec.getNodeName() != null
        && !daemonSpec.getNodeName().isEmpty()
        && !daemonSpec.getNodeName().equals(nodeName)) {
      return new Decision(false, false);
    }
    if (!fitsSelector(node, daemonSpec)) {
      return new Decision(false, false);
    }
    List<Taint> taints = node.getSpec() == null ? List.of() : node.getSpec().getTaints();
    List<Toleration> tolerations = daemonSpec.getTolerations();
    boolean fits = true;
    boolean mayStay = true;
    for (Taint t : taints) {
      boolean noExecute = "NoExecute".equals(t.getEffect());
      if (!noExecute && !"NoSchedule".equals(t.getEffect())) {
        continue; // PreferNoSchedule never keeps a daemon pod away
      }
      if (!io.nauta.client.taints.Tolerations.tolerated(t, tolerations)) {
        fits = false;
        mayStay &= !noExecute;
      }
    }
    return new Decision(fits, fits || mayStay);
  }

  /** The pod's nodeSelector and required node affinity both match the node. */
  static boolean fitsSelector(Node node, PodSpec spec) {
    Map<String, String> labels =
        Objects.requireNonNullElse(node.getMetadata().getLabels(), Map.of());
    if (spec.getNodeSelector() != null) {
      for (var e : spec.getNodeSelector().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    NodeSelector required =
        spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null
            ? null
            : spec.getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution();
    if (required == null) {
      return true;
    }
    // terms are ORed, a term's requirements ANDed; an empty term matches nothing
    for (NodeSelectorTerm term : required.getNodeSelectorTerms()) {
      if (matches(term, node.getMetadata().getName(), labels)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(NodeSelectorTerm term, String name, Map<String, String> labels) {
    if (term.getMatchExpressions().isEmpty() && term.getMatchFields().isEmpty()) {
      return false;
    }
    for (NodeSelectorRequirement r : term.getMatchExpressions()) {
      if (!matches(r, labels.get(r.getKey()))) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : term.getMatchFields()) {
      if (!matches(r, "metadata.name".equals(r.getKey()) ? name : null)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(NodeSelectorRequirement r, String value) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt", "Lt" -> compare(r.getOperator(), value, values);
      default -> false;
    };
  }

  private static boolean compare(String op, String value, List<String> values) {
    try {
      if (value == null || values.size() != 1) {
        return false;
      }
      long have = Long.parseLong(value);
      long bound = Long.parseLong(values.get(0));
      return op.equals("Gt") ? have > bound : have < bound;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /**
   * {@code spec} with the tolerations Kubernetes adds to every daemon pod, so it stays on nodes
   * that are not ready, unreachable, under pressure or cordoned (and, with host networking, whose
   * network is unavailable). Tolerations already there are kept.
   */
  static PodSpec withDaemonTolerations(PodSpec spec) {
    List<Toleration> all = new ArrayList<>(spec.getTolerations());
    add(all, NOT_READY, "NoExecute");
    add(all, UNREACHABLE, "NoExecute");
    add(all, "node.kubernetes.io/disk-pressure", "NoSchedule");
    add(all, "node.kubernetes.io/memory-pressure", "NoSchedule");
    add(all, "node.kubernetes.io/pid-pressure", "NoSchedule");
    add(all, "node.kubernetes.io/unschedulable", "NoSchedule");
    if (Boolean.TRUE.equals(spec.getHostNetwork())) {
      add(all, "node.kubernetes.io/network-unavailable", "NoSchedule");
    }
    return new PodSpecBuilder(spec).withTolerations(all).build();
  }

  private static void add(List<Toleration> all, String key, String effect) {
    // replaces a toleration of the same key and effect, as Kubernetes'
    // AddOrUpdateTolerationInPodSpec
    all.removeIf(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
    all.add(new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build());
  }
}
