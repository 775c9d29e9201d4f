package io.nauta.scheduler.plugins.balancedallocation;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Resources;
import io.nauta.scheduler.framework.Status;
import java.util.List;

/**
 * Prefers nodes where CPU and memory would be used in equal proportions. Counts actual requests
 * ({@link NodeInfo#requested()}, {@link Resources#requestsOf}) as current Kubernetes does (it
 * switched from the non-zero defaults, which made request-less pods look like they unbalance
 * nodes). PreScore computes the pod's requests once per cycle and skips best-effort pods: they
 * change no node's balance, so every node would score alike. Stateless.
 */
public final class BalancedAllocation implements Plugin.PreScore, Plugin.Score {
  /** The name Kubernetes profiles use for this plugin. */
  public static final String NAME = "NodeResourcesBalancedAllocation";

  private static final String STATE = NAME + "/podRequests";

  @Override
  public String name() {
    return NAME;
  }

  /** The pod's requests, computed once per cycle. */
  private record PodRequests(Resources requests) {
    boolean bestEffort() {
      return requests.milliCpu() == 0 && requests.memory() == 0;
    }
  }

  /** SKIP for a pod requesting neither CPU nor memory; its Score is then 0 on every node. */
  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasible) {
    PodRequests requests = new PodRequests(Resources.requestsOf(pod));
    state.write(STATE, requests);
    return requests.bestEffort() ? new Status(Status.Code.SKIP, List.of(), NAME) : Status.SUCCESS;
  }

  /**
   * {@code (1 - sd) * 100} truncated, where sd is the standard deviation of the node's CPU and
   * memory fractions (requested after placing the pod over allocatable, each capped at 1).
   * Resources the node does not offer at all are left out; with fewer than two left the score is
   * 100, as nothing can be unbalanced. 0 for a best-effort pod.
   */
  @Override
  public long score(CycleState state, Pod pod, NodeInfo node) {
    PodRequests podRequests =
        state
            .read(STATE, PodRequests.class)
            .orElseGet(() -> new PodRequests(Resources.requestsOf(pod)));
    if (podRequests.bestEffort()) {
      return 0;
    }
    Resources used = node.requested().add(podRequests.requests());
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
