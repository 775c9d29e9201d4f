package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * A scheduling plugin: implements one or more extension points. Implementations are stateless or
 * thread-safe: the runtime calls Filter and Score for many nodes at once.
 */
public sealed interface Plugin
    permits Plugin.PreFilter, Plugin.Filter, Plugin.PreScore, Plugin.Score {

  /** The plugin's name as profiles and messages use it, e.g. {@code NodeResourcesFit}. */
  String name();

  /** Runs once per cycle before Filter; may reject the pod for every node at once. */
  non-sealed interface PreFilter extends Plugin {
    Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes);
  }

  /** Decides whether the pod can run on one node. */
  non-sealed interface Filter extends Plugin {
    Status filter(CycleState state, Pod pod, NodeInfo node);
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
}
