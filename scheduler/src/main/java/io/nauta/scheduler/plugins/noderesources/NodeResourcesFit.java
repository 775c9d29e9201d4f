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
    MOST_ALLOCATED,
    /**
     * Score each resource's utilization through a user-given piecewise-linear {@link Point} shape.
     */
    REQUESTED_TO_CAPACITY_RATIO
  }

  /**
   * A point of a RequestedToCapacityRatio shape.
   *
   * @param utilization percent used after placing the pod, 0..100
   * @param score 0..10 (scaled to 0..100)
   */
  public record Point(int utilization, int score) {
    public static final int MAX_SCORE = 10;

    public Point {
      if (utilization < 0 || utilization > 100) {
        throw new IllegalArgumentException("utilization must be 0..100, got " + utilization);
      }
      if (score < 0 || score > MAX_SCORE) {
        throw new IllegalArgumentException("score must be 0..10, got " + score);
      }
    }
  }

  private final Strategy strategy;
  private final List<Point> shape;

  public NodeResourcesFit(Strategy strategy) {
    this(strategy, List.of(new Point(0, 0), new Point(100, Point.MAX_SCORE)));
  }

  /**
   * @param shape for {@link Strategy#REQUESTED_TO_CAPACITY_RATIO}: at least one point, utilization
   *     strictly increasing
   */
  public NodeResourcesFit(Strategy strategy, List<Point> shape) {
    if (shape.isEmpty()) {
      throw new IllegalArgumentException("the shape needs at least one point");
    }
    for (int i = 1; i < shape.size(); i++) {
      if (shape.get(i).utilization() <= shape.get(i - 1).utilization()) {
        throw new IllegalArgumentException("shape utilization values must increase");
      }
    }
    this.strategy = strategy;
    this.shape = List.copyOf(shape);
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
    if (strategy == Strategy.REQUESTED_TO_CAPACITY_RATIO) {
      if (capacity <= 0 || requested > capacity) {
        return shaped(100);
      }
      return shaped(requested * 100 / capacity);
    }
    if (capacity <= 0 || requested > capacity) {
      return 0;
    }
    return switch (strategy) {
      case LEAST_ALLOCATED -> (capacity - requested) * MAX_SCORE / capacity;
      case MOST_ALLOCATED -> requested * MAX_SCORE / capacity;
      case REQUESTED_TO_CAPACITY_RATIO -> throw new AssertionError();
    };
  }

  /** The shape's score at {@code utilization}, interpolated, flat beyond its ends; 0..100. */
  long shaped(long utilization) {
    long scale = MAX_SCORE / Point.MAX_SCORE;
    if (utilization <= shape.get(0).utilization()) {
      return shape.get(0).score() * scale;
    }
    for (int i = 1; i < shape.size(); i++) {
      Point lo = shape.get(i - 1);
      Point hi = shape.get(i);
      if (utilization <= hi.utilization()) {
        long scoreLo = lo.score() * scale;
        long scoreHi = hi.score() * scale;
        return scoreLo
            + (scoreHi - scoreLo)
                * (utilization - lo.utilization())
                / (hi.utilization() - lo.utilization());
      }
    }
    return shape.get(shape.size() - 1).score() * scale;
  }
}
