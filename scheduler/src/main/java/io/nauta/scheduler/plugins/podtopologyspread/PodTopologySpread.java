package io.nauta.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Selectors;
import io.nauta.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Topology spread constraints: DoNotSchedule ones filter, ScheduleAnyway ones score; a pod with
 * none is spread softly over hosts and zones among the pods of its Services and controller
 * (Kubernetes' system defaults). PreFilter counts matching pods per domain over every node once, so
 * Filter only compares the node's domain with the global minimum; PreScore does the same for
 * scoring. Stateless.
 */
public final class PodTopologySpread
    implements Plugin.PreFilter, Plugin.Filter, Plugin.PreScore, Plugin.Score {
  public static final String NAME = "PodTopologySpread";
  public static final String REASON = "node(s) didn't match pod topology spread constraints";
  public static final String MISSING_LABEL_REASON = REASON + " (missing required label)";

  private static final String FILTER_STATE = NAME + "/filter";
  private static final String SCORE_STATE = NAME + "/score";
  private static final String ALL_NODES = NAME + "/allNodes";

  /**
   * Per DoNotSchedule constraint (same index), matching pods per domain value; domains of eligible
   * nodes are present even when they hold no matching pod.
   */
  private record FilterState(List<SpreadConstraint> constraints, List<Map<String, Integer>> counts)
      implements CycleState.Mutable {
    @Override
    public FilterState copy() {
      List<Map<String, Integer>> c = new ArrayList<>();
      counts.forEach(m -> c.add(new HashMap<>(m)));
      return new FilterState(constraints, c);
    }
  }

  /**
   * Per ScheduleAnyway constraint, matching pods per domain of a feasible node, and the weight (log
   * of the number of domains + 2) that keeps constraints with many small domains from dominating;
   * feasible nodes lacking a key are ignored (scored 0).
   */
  private record ScoreState(
      List<SpreadConstraint> constraints,
      List<Map<String, Long>> counts,
      double[] weights,
      Set<String> ignored) {}

  private record AllNodes(List<NodeInfo> nodes) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    // PreScore sees only feasible nodes, but pods on every eligible node count towards the spread
    state.write(ALL_NODES, new AllNodes(nodes));
    List<SpreadConstraint> constraints = SpreadConstraint.of(pod, SpreadConstraint.DO_NOT_SCHEDULE);
    List<Map<String, Integer>> counts = new ArrayList<>();
    constraints.forEach(c -> counts.add(new HashMap<>()));
    if (constraints.isEmpty()) {
      state.write(FILTER_STATE, new FilterState(constraints, counts));
      return new Status(Status.Code.SKIP, List.of(), NAME);
    }
    String namespace = Selectors.namespace(pod);
    for (NodeInfo node : nodes) {
      Map<String, String> labels = Selectors.nodeLabels(node.node());
      if (!SpreadConstraint.hasAllKeys(labels, constraints)) {
        continue;
      }
      for (int i = 0; i < constraints.size(); i++) {
        SpreadConstraint c = constraints.get(i);
        if (c.includes(state, pod, node)) {
          counts
              .get(i)
              .merge(labels.get(c.topologyKey()), c.matchingPods(node, namespace), Integer::sum);
        }
      }
    }
    state.write(FILTER_STATE, new FilterState(constraints, counts));
    return constraints.isEmpty() ? new Status(Status.Code.SKIP, List.of(), NAME) : Status.SUCCESS;
  }

  @Override
  public void addPod(CycleState state, Pod pod, Pod other, NodeInfo node) {
    update(state, pod, other, node, 1);
  }

  @Override
  public void removePod(CycleState state, Pod pod, Pod other, NodeInfo node) {
    update(state, pod, other, node, -1);
  }

  private static void update(CycleState state, Pod pod, Pod other, NodeInfo node, int delta) {
    FilterState s = state.read(FILTER_STATE, FilterState.class).orElse(null);
    if (s == null || s.constraints().isEmpty()) {
      return;
    }
    Map<String, String> labels = Selectors.nodeLabels(node.node());
    if (!SpreadConstraint.hasAllKeys(labels, s.constraints())
        || !Selectors.namespace(pod).equals(Selectors.namespace(other))) {
      return;
    }
    for (int i = 0; i < s.constraints().size(); i++) {
      SpreadConstraint c = s.constraints().get(i);
      if (c.counts(other) && c.includes(state, pod, node)) {
        s.counts().get(i).merge(labels.get(c.topologyKey()), delta, Integer::sum);
      }
    }
  }

  /**
   * For each DoNotSchedule constraint: unresolvable if the node lacks the topology label,
   * unschedulable if the node's domain count, plus one if the pod itself matches, minus the global
   * minimum exceeds {@code maxSkew}. The global minimum is 0 while fewer domains than {@code
   * minDomains} are eligible, so pods then go to new domains first.
   */
  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    FilterState s = state.read(FILTER_STATE, FilterState.class).orElse(null);
    if (s == null) {
      // PreFilter always runs in Framework; compute as it would, from this node alone
      preFilter(state, pod, List.of(node));
      s = state.read(FILTER_STATE, FilterState.class).orElseThrow();
    }
    Map<String, String> labels = Selectors.nodeLabels(node.node());
    for (int i = 0; i < s.constraints().size(); i++) {
      SpreadConstraint c = s.constraints().get(i);
      String value = labels.get(c.topologyKey());
      if (value == null) {
        return Status.unresolvable(NAME, MISSING_LABEL_REASON);
      }
      Map<String, Integer> counts = s.counts().get(i);
      long min =
          counts.values().stream().mapToLong(Integer::longValue).min().orElse(Integer.MAX_VALUE);
      if (counts.size() < c.minDomains()) {
        min = 0;
      }
      int self = c.selector().matches(Selectors.podLabels(pod)) ? 1 : 0;
      long skew = counts.getOrDefault(value, 0) + self - min;
      if (skew > c.maxSkew()) {
        return Status.unschedulable(NAME, REASON);
      }
    }
    return Status.SUCCESS;
  }

  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasible) {
    List<SpreadConstraint> constraints = SpreadConstraint.of(pod, SpreadConstraint.SCHEDULE_ANYWAY);
    if (pod.getSpec().getTopologySpreadConstraints() == null
        || pod.getSpec().getTopologySpreadConstraints().isEmpty()) {
      constraints = SpreadConstraint.systemDefaults(pod, state.listers());
    }
    if (constraints.isEmpty()) {
      return new Status(Status.Code.SKIP, List.of(), NAME);
    }
    List<Map<String, Long>> counts = new ArrayList<>();
    constraints.forEach(c -> counts.add(new HashMap<>()));
    Set<String> ignored = new HashSet<>();
    // only domains of feasible nodes are worth counting: the others cannot be chosen
    for (NodeInfo node : feasible) {
      Map<String, String> labels = Selectors.nodeLabels(node.node());
      if (!SpreadConstraint.hasAllKeys(labels, constraints)) {
        ignored.add(node.name());
        continue;
      }
      for (int i = 0; i < constraints.size(); i++) {
        counts.get(i).putIfAbsent(labels.get(constraints.get(i).topologyKey()), 0L);
      }
    }
    double[] weights = new double[constraints.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.log(counts.get(i).size() + 2);
    }
    List<NodeInfo> all =
        state.read(ALL_NODES, AllNodes.class).map(AllNodes::nodes).orElse(feasible);
    String namespace = Selectors.namespace(pod);
    for (NodeInfo node : all) {
      Map<String, String> labels = Selectors.nodeLabels(node.node());
      if (!SpreadConstraint.hasAllKeys(labels, constraints)) {
        continue;
      }
      for (int i = 0; i < constraints.size(); i++) {
        SpreadConstraint c = constraints.get(i);
        String value = labels.get(c.topologyKey());
        if (counts.get(i).containsKey(value) && c.includes(state, pod, node)) {
          counts.get(i).merge(value, (long) c.matchingPods(node, namespace), Long::sum);
        }
      }
    }
    state.write(SCORE_STATE, new ScoreState(constraints, counts, weights, ignored));
    return Status.SUCCESS;
  }

  /**
   * A raw score where lower is better: per ScheduleAnyway constraint, the matching pods in the
   * node's domain times the constraint's weight, plus {@code maxSkew - 1} (a lenient constraint
   * differentiates less), rounded. {@link #normalize} inverts it.
   */
  @Override
  public long score(CycleState state, Pod pod, NodeInfo node) {
    ScoreState s = state.read(SCORE_STATE, ScoreState.class).orElse(null);
    if (s == null || s.ignored().contains(node.name())) {
      return 0;
    }
    Map<String, String> labels = Selectors.nodeLabels(node.node());
    double score = 0;
    for (int i = 0; i < s.constraints().size(); i++) {
      SpreadConstraint c = s.constraints().get(i);
      Long count = s.counts().get(i).get(labels.get(c.topologyKey()));
      if (count != null) {
        score += count * s.weights()[i] + (c.maxSkew() - 1);
      }
    }
    return Math.round(score);
  }

  /**
   * Inverts raw scores into 0..100 so the emptiest domain scores highest: {@code 100 * (max + min -
   * s) / max}, 100 for all when max is 0; ignored nodes (missing a topology key) get 0.
   */
  @Override
  public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
    ScoreState s = state.read(SCORE_STATE, ScoreState.class).orElse(null);
    if (s == null) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = 0;
    for (var e : scores.entrySet()) {
      if (!s.ignored().contains(e.getKey())) {
        min = Math.min(min, e.getValue());
        max = Math.max(max, e.getValue());
      }
    }
    long lo = min;
    long hi = max;
    scores.replaceAll(
        (node, raw) -> {
          if (s.ignored().contains(node)) {
            return 0L;
          }
          return hi == 0 ? MAX_SCORE : MAX_SCORE * (hi + lo - raw) / hi;
        });
  }
}
