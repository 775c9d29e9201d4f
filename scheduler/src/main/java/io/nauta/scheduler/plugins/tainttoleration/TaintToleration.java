package io.nauta.scheduler.plugins.tainttoleration;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Status;
import java.util.List;
import java.util.Map;

/** Taints repel pods that do not tolerate them. Stateless. */
public final class TaintToleration implements Plugin.Filter, Plugin.Score {
  public static final String NAME = "TaintToleration";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    List<Toleration> tolerations = tolerations(pod);
    for (Taint t : taints(node)) {
      boolean hard = "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect());
      if (hard && !tolerated(t, tolerations)) {
        String value = t.getValue() == null ? "" : t.getValue();
        return Status.unresolvable(
            NAME, "node(s) had untolerated taint {" + t.getKey() + ": " + value + "}");
      }
    }
    return Status.SUCCESS;
  }

  /** The number of PreferNoSchedule taints the pod does not tolerate (fewer is better). */
  @Override
  public long score(CycleState state, Pod pod, NodeInfo node) {
    List<Toleration> tolerations = tolerations(pod);
    return taints(node).stream()
        .filter(t -> "PreferNoSchedule".equals(t.getEffect()) && !tolerated(t, tolerations))
        .count();
  }

  @Override
  public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
    long max = scores.values().stream().mapToLong(Long::longValue).max().orElse(0);
    scores.replaceAll((node, count) -> max == 0 ? MAX_SCORE : MAX_SCORE - count * MAX_SCORE / max);
  }

  /** True if one of {@code tolerations} tolerates {@code taint}. */
  public static boolean tolerated(Taint taint, List<Toleration> tolerations) {
    return io.nauta.client.taints.Tolerations.tolerated(taint, tolerations);
  }

  private static List<Toleration> tolerations(Pod pod) {
    return pod.getSpec() == null ? List.of() : pod.getSpec().getTolerations();
  }

  private static List<Taint> taints(NodeInfo node) {
    return node.node().getSpec() == null ? List.of() : node.node().getSpec().getTaints();
  }
}
