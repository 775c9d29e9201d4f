package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A scheduling plugin: implements one or more extension points. Implementations are stateless or
 * thread-safe: the runtime calls Filter and Score for many nodes at once.
 *
 * <p>The scheduling cycle (one pod at a time) runs PreFilter, Filter, PostFilter (only when no node
 * fits), PreScore, Score, Reserve and Permit; the binding cycle (concurrent, per pod) waits on
 * Permit, then runs PreBind and Bind. A failure after Reserve runs every Reserve plugin's {@code
 * unreserve} in reverse order.
 */
public sealed interface Plugin
    permits Plugin.PreFilter,
        Plugin.Filter,
        Plugin.PostFilter,
        Plugin.PreScore,
        Plugin.Score,
        Plugin.Reserve,
        Plugin.Permit,
        Plugin.PreBind,
        Plugin.Bind {

  /** The plugin's name as profiles and messages use it, e.g. {@code NodeResourcesFit}. */
  String name();

  /** Runs once per cycle before Filter; may reject the pod for every node at once. */
  non-sealed interface PreFilter extends Plugin {
    Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes);

    /**
     * Updates what {@link #preFilter} stored in {@code state} as if {@code other} were also on
     * {@code node}. Preemption uses this and {@link #removePod} to try out victims without
     * recounting the cluster; plugins whose state does not depend on other pods need not override.
     */
    default void addPod(CycleState state, Pod pod, Pod other, NodeInfo node) {}

    /** Updates the PreFilter state as if {@code other} were gone from {@code node}. */
    default void removePod(CycleState state, Pod pod, Pod other, NodeInfo node) {}
  }

  /** Decides whether the pod can run on one node. */
  non-sealed interface Filter extends Plugin {
    Status filter(CycleState state, Pod pod, NodeInfo node);
  }

  /**
   * Runs when no node passed Filter, to make the pod schedulable later, e.g. by preempting
   * lower-priority pods. {@code failures} holds each node's filter verdict.
   */
  non-sealed interface PostFilter extends Plugin {
    PostFilterResult postFilter(
        CycleState state,
        Pod pod,
        List<NodeInfo> nodes,
        Map<String, Status> failures,
        Framework framework);
  }

  /** Runs once per cycle before Score, with the nodes that passed Filter. */
  non-sealed interface PreScore extends Plugin {
    Status preScore(CycleState state, Pod pod, List<NodeInfo> feasible);
  }

  /** Ranks a feasible node; higher is better. Scores are normalised to 0..{@link #MAX_SCORE}. */
  non-sealed interface Score extends Plugin {
    long MAX_SCORE = 100;

    long score(CycleState state, Pod pod, NodeInfo node);

    /**
     * Rescales this plugin's raw scores (node name to score) in place into 0..{@link #MAX_SCORE};
     * the default leaves scores that already are in range.
     */
    default void normalize(CycleState state, Pod pod, Map<String, Long> scores) {}
  }

  /**
   * Claims what the pod needs on its chosen node before binding (e.g. volumes), so the next cycle
   * sees it taken; {@code unreserve} gives it back when the pod is not bound after all. Both must
   * be idempotent.
   */
  non-sealed interface Reserve extends Plugin {
    Status reserve(CycleState state, Pod pod, String node);

    void unreserve(CycleState state, Pod pod, String node);
  }

  /**
   * Approves, rejects or holds a pod before binding. A plugin that holds returns {@link
   * Status.Code#WAIT} with a timeout; someone later calls {@link Framework#allow} or {@link
   * Framework#reject}, and the pod is rejected if the timeout passes first.
   */
  non-sealed interface Permit extends Plugin {
    PermitResult permit(CycleState state, Pod pod, String node);
  }

  /** Prepares the binding, e.g. provisions a volume; a failure sends the pod back to the queue. */
  non-sealed interface PreBind extends Plugin {
    Status preBind(CycleState state, Pod pod, String node);
  }

  /**
   * Binds the pod to the node. Bind plugins run in order until one does not {@link
   * Status.Code#SKIP}; the scheduler's API binding runs when all skip.
   */
  non-sealed interface Bind extends Plugin {
    Status bind(CycleState state, Pod pod, String node);
  }

  /** A Permit verdict: how long to wait when {@code status} is WAIT. */
  record PermitResult(Status status, Duration timeout) {
    public static final PermitResult ALLOW = new PermitResult(Status.SUCCESS, Duration.ZERO);
  }

  /**
   * What PostFilter achieved: a node the pod is nominated to once {@code victims} are gone, or none
   * with the reason in {@code status}.
   */
  record PostFilterResult(String nominatedNode, List<Pod> victims, Status status) {
    public PostFilterResult {
      victims = List.copyOf(victims);
    }

    public static PostFilterResult none(Status why) {
      return new PostFilterResult(null, List.of(), why);
    }
  }
}
