package io.nauta.scheduler.plugins.balancedallocation;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Resources;
import io.nauta.scheduler.framework.Status;
import java.util.List;

/**
 * Prefers nodes where CPU and memory would be used in equal proportions. Counts requests the way
 * {@link NodeInfo#nonZeroRequestsOf} does, so request-less containers still weigh on a node.
 * PreScore computes the pod's requests once per cycle. Stateless.
 */
public final class BalancedAllocation implements Plugin.PreScore, Plugin.Score {
  /** The name Kubernetes profiles use for this plugin. */
  public static final String NAME = "NodeResourcesBalancedAllocation";

  private static final String STATE = NAME + "/podRequests";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasible) {
    state.write(STATE, NodeInfo.nonZeroRequestsOf(pod));
    return Status.SUCCESS;
  }

  /**
   * {@code (1 - sd) * 100} truncated, where sd is the standard deviation of the node's CPU and
   * memory fractions (requested after placing the pod over allocatable, each capped at 1).
   * Resources the node does not offer at all are left out; with fewer than two left the score is
   * 100, as nothing can be unbalanced.
   */
  @Override
  public long score(CycleState state, Pod pod, NodeInfo node) {
    Resources podRequests =
        state.read(STATE, Resources.class).orElseGet(() -> NodeInfo.nonZeroRequestsOf(pod));
    Resources used = node.nonZeroRequested().add(podRequests);
    Resources has = node.allocatable();
    double[] fractions = new double[2];
    int n = 0;
    if (has.milliCpu() > 0) {
      fractions[n++] = fraction(used.milliCpu(), has.milliCpu());
    }
    if (has.memory() > 0) {
      fractions[n++] = fraction(used.memory(), has.memory());
    }
    return (long) ((1 - standardDeviation(fractions, n)) * MAX_SCORE);
  }

  private static double fraction(long requested, long allocatable) {
    // an overcommitted resource is as used as it can be; more would over-weight it
    return Math.min(1.0, (double) requested / allocatable);
  }

  /** Population standard deviation of the first {@code n} values; 0 for fewer than two. */
  static double standardDeviation(double[] values, int n) {
    if (n < 2) {
      return 0;
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += values[i];
    }
    mean /= n;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      squares += (values[i] - mean) * (values[i] - mean);
    }
    return Math.sqrt(squares / n);
  }
}
