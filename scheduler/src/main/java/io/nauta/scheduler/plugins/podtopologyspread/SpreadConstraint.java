package io.nauta.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.nauta.api.labels.LabelSelector;
import io.nauta.api.labels.Requirement;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.Listers;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Selectors;
import io.nauta.scheduler.plugins.nodeaffinity.NodeAffinity;
import io.nauta.scheduler.plugins.tainttoleration.TaintToleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One topology spread constraint of the incoming pod, with its selector narrowed by {@code
 * matchLabelKeys} and its node inclusion policies resolved to their defaults.
 *
 * @param maxSkew the largest allowed difference between a domain's count and the smallest one
 * @param topologyKey the node label whose values are the domains
 * @param selector which pods (in the incoming pod's namespace) count; a null spec selector compiles
 *     to one that selects none
 * @param minDomains below this many eligible domains the global minimum is taken as 0; 0 if unset
 * @param honorNodeAffinity count only nodes matching the pod's node selector and required node
 *     affinity ({@code nodeAffinityPolicy: Honor}, the default)
 * @param honorTaints count only nodes whose NoSchedule/NoExecute taints the pod tolerates ({@code
 *     nodeTaintsPolicy: Honor}; the default, Ignore, counts tainted nodes too)
 */
record SpreadConstraint(
    int maxSkew,
    String topologyKey,
    LabelSelector selector,
    int minDomains,
    boolean honorNodeAffinity,
    boolean honorTaints) {

  static final String DO_NOT_SCHEDULE = "DoNotSchedule";
  static final String SCHEDULE_ANYWAY = "ScheduleAnyway";

  // their Filters read no cycle state, so they can judge a node for a policy outside the profile
  private static final NodeAffinity NODE_AFFINITY = new NodeAffinity();
  private static final TaintToleration TAINT_TOLERATION = new TaintToleration();

  /** The pod's constraints with the given {@code whenUnsatisfiable}, in order. */
  static List<SpreadConstraint> of(Pod pod, String whenUnsatisfiable) {
    if (pod.getSpec() == null || pod.getSpec().getTopologySpreadConstraints() == null) {
      return List.of();
    }
    List<SpreadConstraint> out = new ArrayList<>();
    for (TopologySpreadConstraint c : pod.getSpec().getTopologySpreadConstraints()) {
      if (!whenUnsatisfiable.equals(c.getWhenUnsatisfiable())) {
        continue;
      }
      LabelSelector selector =
          Selectors.withLabelKeys(
              Selectors.compile(c.getLabelSelector()),
              Selectors.podLabels(pod),
              c.getMatchLabelKeys(),
              List.of());
      out.add(
          new SpreadConstraint(
              c.getMaxSkew() == null ? 1 : c.getMaxSkew(),
              c.getTopologyKey(),
              selector,
              c.getMinDomains() == null ? 0 : c.getMinDomains(),
              !"Ignore".equals(c.getNodeAffinityPolicy()),
              "Honor".equals(c.getNodeTaintsPolicy())));
    }
    return out;
  }

  /**
   * Kubernetes' system default constraints, for pods that declare none: spread softly over hosts
   * (maxSkew 3) and zones (maxSkew 5), counting the pods the pod's Services and owning controller
   * select. None when nothing selects the pod.
   */
  static List<SpreadConstraint> systemDefaults(Pod pod, Listers listers) {
    LabelSelector selector = defaultSelector(pod, listers);
    if (selector.isEmpty() || selector.matchesNothing()) {
      return List.of();
    }
    return List.of(
        new SpreadConstraint(3, "kubernetes.io/hostname", selector, 0, true, false),
        new SpreadConstraint(5, "topology.kubernetes.io/zone", selector, 0, true, false));
  }

  /**
   * What Kubernetes' DefaultSelector builds: the selectors of the Services selecting the pod and of
   * its controller (ReplicaSet, StatefulSet, ReplicationController), all required together.
   */
  static LabelSelector defaultSelector(Pod pod, Listers listers) {
    String namespace = Selectors.namespace(pod);
    Map<String, String> labels = Selectors.podLabels(pod);
    List<Requirement> reqs = new ArrayList<>();
    for (Service svc : listers.services(namespace)) {
      Map<String, String> sel = svc.getSpec() == null ? null : svc.getSpec().getSelector();
      if (sel != null && !sel.isEmpty()) {
        LabelSelector selector = LabelSelector.fromSet(sel);
        if (selector.matches(labels)) {
          reqs.addAll(selector.requirements());
        }
      }
    }
    for (OwnerReference ref : pod.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(ref.getController())) {
        var sel = listers.controllerSelector(namespace, ref.getKind(), ref.getName());
        if (sel != null) {
          reqs.addAll(Selectors.compile(sel).requirements());
        }
      }
    }
    return reqs.isEmpty() ? LabelSelector.everything() : LabelSelector.of(reqs);
  }

  /** Whether the node counts towards this constraint's domains under its inclusion policies. */
  boolean includes(CycleState state, Pod pod, NodeInfo node) {
    if (honorNodeAffinity && !NODE_AFFINITY.filter(state, pod, node).isSuccess()) {
      return false;
    }
    return !honorTaints || TAINT_TOLERATION.filter(state, pod, node).isSuccess();
  }

  /**
   * How many of the node's pods this constraint counts: in the incoming pod's namespace, selected,
   * and not terminating (a pod on its way out will not hold its place in the spread).
   */
  int matchingPods(NodeInfo node, String namespace) {
    int n = 0;
    for (Pod p : node.pods()) {
      if (namespace.equals(Selectors.namespace(p)) && counts(p)) {
        n++;
      }
    }
    return n;
  }

  /** Whether this constraint counts {@code p} (of the right namespace): selected, not leaving. */
  boolean counts(Pod p) {
    if (p.getMetadata() != null && p.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    return selector.matches(Selectors.podLabels(p));
  }

  /** Whether the node has every constraint's topology label: nodes without are in no domain. */
  static boolean hasAllKeys(Map<String, String> nodeLabels, List<SpreadConstraint> constraints) {
    for (SpreadConstraint c : constraints) {
      if (!nodeLabels.containsKey(c.topologyKey())) {
        return false;
      }
    }
    return true;
  }
}
