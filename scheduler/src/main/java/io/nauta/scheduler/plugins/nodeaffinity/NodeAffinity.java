package io.nauta.scheduler.plugins.nodeaffinity;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.nauta.client.nodes.NodeSelectors;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Status;
import java.util.Map;

/** Node selectors and node affinity, required and preferred. Stateless. */
public final class NodeAffinity implements Plugin.Filter, Plugin.Score {
  public static final String NAME = "NodeAffinity";
  public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    if (pod.getSpec() == null) {
      return Status.SUCCESS;
    }
    Map<String, String> labels = labels(node.node());
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null) {
      for (var e : selector.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return Status.unresolvable(NAME, REASON);
        }
      }
    }
    NodeSelector required = required(pod);
    if (required != null
        && !NodeSelectors.matchesAny(required.getNodeSelectorTerms(), node.node())) {
      return Status.unresolvable(NAME, REASON);
    }
    return Status.SUCCESS;
  }

  /** The summed weights of the preferred terms the node matches. */
  @Override
  public long score(CycleState state, Pod pod, NodeInfo node) {
    var affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
    if (affinity == null || affinity.getNodeAffinity() == null) {
      return 0;
    }
    long total = 0;
    for (PreferredSchedulingTerm t :
        affinity.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()) {
      if (t.getPreference() != null && NodeSelectors.matches(t.getPreference(), node.node())) {
        total += t.getWeight() == null ? 0 : t.getWeight();
      }
    }
    return total;
  }

  @Override
  public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
    long max = scores.values().stream().mapToLong(Long::longValue).max().orElse(0);
    if (max > 0) {
      scores.replaceAll((node, s) -> s * MAX_SCORE / max);
    }
  }

  private static NodeSelector required(Pod pod) {
    var affinity = pod.getSpec().getAffinity();
    return affinity == null || affinity.getNodeAffinity() == null
        ? null
        : affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
  }

  private static Map<String, String> labels(Node node) {
    Map<String, String> l = node.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }
}
