package io.nauta.scheduler.plugins.noderesources;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Resources;
import io.nauta.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters out nodes without room for a pod's requests and scores the rest by a {@link Strategy}.
 * PreFilter computes the pod's requests once per cycle. Stateless apart from its strategy.
 */
public final class NodeResourcesFit implements Plugin.PreFilter, Plugin.Filter, Plugin.Score {
  public static final String NAME = "NodeResourcesFit";
  public static final String TOO_MANY_PODS = "Too many pods";
  private static final String REQUESTS = NAME + "/requests";
  private static final String SCORE_REQUESTS = NAME + "/scoreRequests";

  /** How a node's use after placing the pod turns into a score. */
  public enum Strategy {
    /** Prefer the emptiest node: spread pods out. */
    LEAST_ALLOCATED,
    /** Prefer the fullest node that still fits: pack pods tightly. */
    MOST_ALLOCATED
  }

  private final Strategy strategy;

  public NodeResourcesFit(Strategy strategy) {
    this.strategy = strategy;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    state.write(REQUESTS, Resources.requestsOf(pod));
    return Status.SUCCESS;
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    Resources want =
        state.read(REQUESTS, Resources.class).orElseGet(() -> Resources.requestsOf(pod));
    Resources used = node.requested();
    Resources has = node.allocatable();
    List<String> reasons = new ArrayList<>();
    if (node.pods().size() + 1 > has.pods()) {
      reasons.add(TOO_MANY_PODS);
    }
    if (want.milliCpu() > 0 && used.milliCpu() + want.milliCpu() > has.milliCpu()) {
      reasons.add("Insufficient cpu");
    }
    if (want.memory() > 0 && used.memory() + want.memory() > has.memory()) {
      reasons.add("Insufficient memory");
    }
    if (want.ephemeralStorage() > 0
        && used.ephemeralStorage() + want.ephemeralStorage() > has.ephemeralStorage()) {
      reasons.add("Insufficient ephemeral-storage");
    }
    for (var e : want.scalars().entrySet()) {
      if (e.getValue() > 0 && used.scalar(e.getKey()) + e.getValue() > has.scalar(e.getKey())) {
        reasons.add("Insufficient " + e.getKey());
      }
    }
    return reasons.isEmpty()
        ? Status.SUCCESS
        : Status.unschedulable(NAME, reasons.toArray(String[]::new));
  }

  @Override
  public long score(CycleState state, Pod pod, NodeInfo node) {
    Resources extra =
        state
            .read(SCORE_REQUESTS, Resources.class)
            .orElseGet(
                () -> {
                  Resources r = NodeInfo.nonZeroRequestsOf(pod);
                  state.write(SCORE_REQUESTS, r);
                  return r;
                });
    Resources used = node.nonZeroRequested();
    Resources has = node.allocatable();
    long cpu = resourceScore(used.milliCpu() + extra.milliCpu(), has.milliCpu());
    long mem = resourceScore(used.memory() + extra.memory(), has.memory());
    return (cpu + mem) / 2;
  }

  private long resourceScore(long requested, long capacity) {
    if (capacity <= 0 || requested > capacity) {
      return 0;
    }
    return switch (strategy) {
      case LEAST_ALLOCATED -> (capacity - requested) * MAX_SCORE / capacity;
      case MOST_ALLOCATED -> requested * MAX_SCORE / capacity;
    };
  }
}
