package io.nauta.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.nauta.client.nodes.NodeSelectors;
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
    return NodeSelectors.matchesAny(required.getNodeSelectorTerms(), node);
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
