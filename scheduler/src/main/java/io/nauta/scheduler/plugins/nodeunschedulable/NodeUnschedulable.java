package io.nauta.scheduler.plugins.nodeunschedulable;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Status;

/**
 * Filters out nodes with {@code spec.unschedulable} (kubectl cordon) unless the pod tolerates the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint. Stateless.
 */
public final class NodeUnschedulable implements Plugin.Filter {
  public static final String NAME = "NodeUnschedulable";
  public static final String REASON = "node(s) were unschedulable";
  static final String TAINT_KEY = "node.kubernetes.io/unschedulable";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    var spec = node.node().getSpec();
    if (spec == null || !Boolean.TRUE.equals(spec.getUnschedulable())) {
      return Status.SUCCESS;
    }
    if (pod.getSpec() != null) {
      for (Toleration t : pod.getSpec().getTolerations()) {
        boolean keyMatches =
            TAINT_KEY.equals(t.getKey())
                || ((t.getKey() == null || t.getKey().isEmpty())
                    && "Exists".equals(t.getOperator()));
        boolean effectMatches =
            t.getEffect() == null || t.getEffect().isEmpty() || "NoSchedule".equals(t.getEffect());
        if (keyMatches && effectMatches) {
          return Status.SUCCESS;
        }
      }
    }
    return Status.unresolvable(NAME, REASON);
  }
}
