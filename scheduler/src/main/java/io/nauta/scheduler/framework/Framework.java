package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs one profile's plugins over a snapshot of nodes: PreFilter, then Filter on every node, then
 * PreScore and Score on the nodes that passed, and picks the node with the highest weighted total
 * (ties broken at random). In large clusters filtering stops once enough feasible nodes are found
 * (see {@link #feasibleNodesToFind}), the next cycle starting where this one stopped. Plugins are
 * called from the caller's thread; one cycle at a time (not thread-safe). The tie-breaking random
 * source is seeded by the caller for reproducible tests.
 */
public final class Framework {
  private final List<Plugin.PreFilter> preFilters = new ArrayList<>();
  private final List<Plugin.Filter> filters = new ArrayList<>();
  private final List<Plugin.PreScore> preScores = new ArrayList<>();
  private final Map<Plugin.Score, Long> scores = new LinkedHashMap<>();
  private final Random random;
  private int nextStart;

  /**
   * @param plugins the profile's plugins, in extension-point order
   * @param weights score weight per plugin name (absent: 1)
   */
  public Framework(List<Plugin> plugins, Map<String, Long> weights, Random random) {
    for (Plugin p : plugins) {
      // a plugin may implement several extension points
      if (p instanceof Plugin.PreFilter f) {
        preFilters.add(f);
      }
      if (p instanceof Plugin.Filter f) {
        filters.add(f);
      }
      if (p instanceof Plugin.PreScore s) {
        preScores.add(s);
      }
      if (p instanceof Plugin.Score s) {
        scores.put(s, weights.getOrDefault(s.name(), 1L));
      }
    }
    this.random = random;
  }

  /** The outcome of a cycle: the chosen node, or why there is none. */
  public sealed interface Result permits Result.Selected, Result.Unschedulable {
    /** The pod goes to {@code node}; {@code totals} are the weighted scores of feasible nodes. */
    record Selected(String node, Map<String, Long> totals) implements Result {}

    record Unschedulable(FitError error) implements Result {}
  }

  /** Schedules {@code pod} onto one of {@code nodes}. */
  public Result schedule(Pod pod, List<NodeInfo> nodes) {
    CycleState state = new CycleState();
    for (Plugin.PreFilter p : preFilters) {
      Status s = p.preFilter(state, pod, nodes);
      if (!s.isSuccess()) {
        return new Result.Unschedulable(new FitError(nodes.size(), Map.of("", s)));
      }
    }
    List<NodeInfo> feasible = new ArrayList<>();
    Map<String, Status> failures = new HashMap<>();
    int n = nodes.size();
    int want = feasibleNodesToFind(n);
    int start = n == 0 ? 0 : Math.floorMod(nextStart, n);
    int processed = 0;
    for (; processed < n && feasible.size() < want; processed++) {
      NodeInfo node = nodes.get((start + processed) % n);
      Status verdict = Status.SUCCESS;
      for (Plugin.Filter f : filters) {
        Status s = f.filter(state, pod, node);
        if (!s.isSuccess()) {
          verdict = s;
          break;
        }
      }
      if (verdict.isSuccess()) {
        feasible.add(node);
      } else {
        failures.put(node.name(), verdict);
      }
    }
    // the next pod starts where this one stopped, so every node gets its turn
    nextStart = n == 0 ? 0 : (start + processed) % n;
    if (feasible.isEmpty()) {
      return new Result.Unschedulable(new FitError(nodes.size(), failures));
    }
    if (feasible.size() == 1) {
      return new Result.Selected(feasible.get(0).name(), Map.of(feasible.get(0).name(), 0L));
    }
    for (Plugin.PreScore p : preScores) {
      p.preScore(state, pod, feasible);
    }
    Map<String, Long> totals = new LinkedHashMap<>();
    feasible.forEach(info -> totals.put(info.name(), 0L));
    for (Map.Entry<Plugin.Score, Long> e : scores.entrySet()) {
      Map<String, Long> raw = new LinkedHashMap<>();
      for (NodeInfo info : feasible) {
        raw.put(info.name(), e.getKey().score(state, pod, info));
      }
      e.getKey().normalize(state, pod, raw);
      raw.forEach((node, s) -> totals.merge(node, s * e.getValue(), Long::sum));
    }
    return new Result.Selected(pick(totals), totals);
  }

  /**
   * How many feasible nodes are enough to stop filtering, as Kubernetes' adaptive
   * percentageOfNodesToScore: all nodes up to 100; beyond, {@code max(5, 50 - nodes/125)} percent
   * of them, at least 100.
   */
  static int feasibleNodesToFind(int nodes) {
    if (nodes <= 100) {
      return nodes;
    }
    int percent = Math.max(5, 50 - nodes / 125);
    return Math.max(100, nodes * percent / 100);
  }

  private String pick(Map<String, Long> totals) {
    long best = Long.MIN_VALUE;
    List<String> top = new ArrayList<>();
    for (Map.Entry<String, Long> e : totals.entrySet()) {
      if (e.getValue() > best) {
        best = e.getValue();
        top.clear();
      }
      if (e.getValue() == best) {
        top.add(e.getKey());
      }
    }
    return top.get(top.size() == 1 ? 0 : random.nextInt(top.size()));
  }
}
