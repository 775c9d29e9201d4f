package io.nauta.scheduler.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Selectors;
import io.nauta.scheduler.framework.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Required pod affinity and anti-affinity as a filter, preferred terms as a score. PreFilter walks
 * every assigned pod once and counts, per topology domain, the pods the incoming pod's terms select
 * and the assigned pods whose anti-affinity selects it; Filter then only looks up the node's
 * domains. PreScore likewise sums weights per domain once. Stateless.
 */
public final class InterPodAffinity
    implements Plugin.PreFilter, Plugin.Filter, Plugin.PreScore, Plugin.Score {
  public static final String NAME = "InterPodAffinity";
  public static final String AFFINITY_REASON = "node(s) didn't match pod affinity rules";
  public static final String ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
  public static final String EXISTING_ANTI_AFFINITY_REASON =
      "node(s) didn't satisfy existing pods anti-affinity rules";

  /** The weight an assigned pod's required affinity towards the incoming pod scores with. */
  static final long HARD_POD_AFFINITY_WEIGHT = 1;

  private static final String FILTER_STATE = NAME + "/filter";
  private static final String SCORE_STATE = NAME + "/score";
  private static final String ALL_NODES = NAME + "/allNodes";

  /** A topology domain: a node label key and one of its values. */
  record Domain(String key, String value) {}

  /**
   * What Filter needs, counted over all nodes.
   *
   * @param affinity the incoming pod's required affinity terms
   * @param antiAffinity its required anti-affinity terms
   * @param affinityCounts per domain, assigned pods that all affinity terms select
   * @param antiAffinityCounts per domain, assigned pods some anti-affinity term selects
   * @param existingAntiCounts per domain, assigned pods' anti-affinity terms selecting the pod
   */
  private record FilterState(
      List<AffinityTerm> affinity,
      List<AffinityTerm> antiAffinity,
      Map<Domain, Integer> affinityCounts,
      Map<Domain, Integer> antiAffinityCounts,
      Map<Domain, Integer> existingAntiCounts)
      implements CycleState.Mutable {

    @Override
    public FilterState copy() {
      return new FilterState(
          affinity,
          antiAffinity,
          new HashMap<>(affinityCounts),
          new HashMap<>(antiAffinityCounts),
          new HashMap<>(existingAntiCounts));
    }

    /** Counts {@code assigned} on a node with these labels, {@code delta} times (1 or -1). */
    void account(Pod pod, Pod assigned, Map<String, String> labels, int delta) {
      // Kubernetes counts a pod for affinity only when every term selects it
      if (!affinity.isEmpty() && AffinityTerm.allMatch(affinity, assigned)) {
        for (AffinityTerm t : affinity) {
          increment(affinityCounts, t, labels, delta);
        }
      }
      for (AffinityTerm t : antiAffinity) {
        if (t.matches(assigned)) {
          increment(antiAffinityCounts, t, labels, delta);
        }
      }
      if (AffinityTerm.hasAny(assigned)) {
        for (AffinityTerm t : AffinityTerm.requiredAntiAffinity(assigned)) {
          if (t.matches(pod)) {
            increment(existingAntiCounts, t, labels, delta);
          }
        }
      }
    }
  }

  /** Summed preference weights per topology key, then per label value. */
  private record ScoreState(Map<String, Map<String, Long>> weights) {}

  /** Wraps a node list so it can go into the cycle state under a checked type. */
  private record AllNodes(List<NodeInfo> nodes) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    // PreScore only sees feasible nodes, but preferences count pods on every node
    state.write(ALL_NODES, new AllNodes(nodes));
    state.write(FILTER_STATE, count(pod, nodes));
    return Status.SUCCESS;
  }

  private static FilterState count(Pod pod, List<NodeInfo> nodes) {
    FilterState s =
        new FilterState(
            AffinityTerm.requiredAffinity(pod),
            AffinityTerm.requiredAntiAffinity(pod),
            new HashMap<>(),
            new HashMap<>(),
            new HashMap<>());
    // without terms of its own, only assigned pods' terms can matter
    boolean own = !s.affinity().isEmpty() || !s.antiAffinity().isEmpty();
    for (NodeInfo node : nodes) {
      List<Pod> pods = own ? node.pods() : node.podsWithAffinity();
      if (pods.isEmpty()) {
        continue; // most nodes of a big cluster, in a hot loop
      }
      Map<String, String> labels = Selectors.nodeLabels(node.node());
      for (Pod assigned : pods) {
        s.account(pod, assigned, labels, 1);
      }
    }
    return s;
  }

  @Override
  public void addPod(CycleState state, Pod pod, Pod other, NodeInfo node) {
    state
        .read(FILTER_STATE, FilterState.class)
        .ifPresent(s -> s.account(pod, other, Selectors.nodeLabels(node.node()), 1));
  }

  @Override
  public void removePod(CycleState state, Pod pod, Pod other, NodeInfo node) {
    state
        .read(FILTER_STATE, FilterState.class)
        .ifPresent(s -> s.account(pod, other, Selectors.nodeLabels(node.node()), -1));
  }

  private static void increment(
      Map<Domain, Integer> counts, AffinityTerm t, Map<String, String> nodeLabels, int delta) {
    String value = nodeLabels.get(t.topologyKey());
    // a node without the topology label is in no domain of that key
    if (value != null) {
      Domain d = new Domain(t.topologyKey(), value);
      if (counts.merge(d, delta, Integer::sum) == 0) {
        counts.remove(d);
      }
    }
  }

  /**
   * Unresolvable when the node lacks a required affinity term's topology label or its domain holds
   * no pod the terms select (unless no pod anywhere matches and the pod selects itself: the first
   * of its group); unschedulable when its domain holds a pod the pod's anti-affinity selects, or an
   * assigned pod whose anti-affinity selects the pod covers the node.
   */
  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    // without PreFilter (not so in Framework) only this node's pods can be counted
    FilterState s =
        state.read(FILTER_STATE, FilterState.class).orElseGet(() -> count(pod, List.of(node)));
    Map<String, String> labels = Selectors.nodeLabels(node.node());
    if (!satisfiesAffinity(s, pod, labels)) {
      return Status.unresolvable(NAME, AFFINITY_REASON);
    }
    for (AffinityTerm t : s.antiAffinity()) {
      String value = labels.get(t.topologyKey());
      if (value != null
          && s.antiAffinityCounts().getOrDefault(new Domain(t.topologyKey(), value), 0) > 0) {
        return Status.unschedulable(NAME, ANTI_AFFINITY_REASON);
      }
    }
    if (!s.existingAntiCounts().isEmpty()) {
      for (var label : labels.entrySet()) {
        if (s.existingAntiCounts().getOrDefault(new Domain(label.getKey(), label.getValue()), 0)
            > 0) {
          return Status.unschedulable(NAME, EXISTING_ANTI_AFFINITY_REASON);
        }
      }
    }
    return Status.SUCCESS;
  }

  private static boolean satisfiesAffinity(FilterState s, Pod pod, Map<String, String> labels) {
    boolean podsExist = true;
    for (AffinityTerm t : s.affinity()) {
      String value = labels.get(t.topologyKey());
      if (value == null) {
        return false;
      }
      if (s.affinityCounts().getOrDefault(new Domain(t.topologyKey(), value), 0) <= 0) {
        podsExist = false;
      }
    }
    // without this, a group of pods with affinity to each other could never start
    return podsExist || (s.affinityCounts().isEmpty() && AffinityTerm.allMatch(s.affinity(), pod));
  }

  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasible) {
    List<NodeInfo> nodes =
        state.read(ALL_NODES, AllNodes.class).map(AllNodes::nodes).orElse(feasible);
    state.write(SCORE_STATE, weigh(pod, nodes));
    return Status.SUCCESS;
  }

  /**
   * Sums, per domain of every node, the weights of the incoming pod's preferred terms that select
   * the node's pods, and of the node's pods' preferred terms (and required affinity terms, at
   * {@link #HARD_POD_AFFINITY_WEIGHT}) that select the incoming pod.
   */
  private static ScoreState weigh(Pod pod, List<NodeInfo> nodes) {
    List<AffinityTerm> preferred = AffinityTerm.preferred(pod);
    Map<String, Map<String, Long>> weights = new HashMap<>();
    for (NodeInfo node : nodes) {
      List<Pod> pods = preferred.isEmpty() ? node.podsWithAffinity() : node.pods();
      if (pods.isEmpty()) {
        continue;
      }
      Map<String, String> labels = Selectors.nodeLabels(node.node());
      if (labels.isEmpty()) {
        continue;
      }
      for (Pod assigned : pods) {
        for (AffinityTerm t : preferred) {
          if (t.matches(assigned)) {
            add(weights, t, t.weight(), labels);
          }
        }
        if (!AffinityTerm.hasAny(assigned)) {
          continue;
        }
        for (AffinityTerm t : AffinityTerm.preferred(assigned)) {
          if (t.matches(pod)) {
            add(weights, t, t.weight(), labels);
          }
        }
        for (AffinityTerm t : AffinityTerm.requiredAffinity(assigned)) {
          if (t.matches(pod)) {
            add(weights, t, HARD_POD_AFFINITY_WEIGHT, labels);
          }
        }
      }
    }
    return new ScoreState(weights);
  }

  private static void add(
      Map<String, Map<String, Long>> weights, AffinityTerm t, long w, Map<String, String> labels) {
    String value = labels.get(t.topologyKey());
    if (value != null) {
      weights.computeIfAbsent(t.topologyKey(), k -> new HashMap<>()).merge(value, w, Long::sum);
    }
  }

  /** The summed weights of the domains the node is in; may be negative until normalised. */
  @Override
  public long score(CycleState state, Pod pod, NodeInfo node) {
    ScoreState s = state.read(SCORE_STATE, ScoreState.class).orElse(null);
    if (s == null || s.weights().isEmpty()) {
      return 0;
    }
    Map<String, String> labels = Selectors.nodeLabels(node.node());
    long total = 0;
    for (var byKey : s.weights().entrySet()) {
      String value = labels.get(byKey.getKey());
      if (value != null) {
        total += byKey.getValue().getOrDefault(value, 0L);
      }
    }
    return total;
  }

  /** Maps raw scores linearly from [min, max] onto [0, 100]; all 0 when they are all equal. */
  @Override
  public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
    long min = scores.values().stream().mapToLong(Long::longValue).min().orElse(0);
    long max = scores.values().stream().mapToLong(Long::longValue).max().orElse(0);
    long range = max - min;
    scores.replaceAll((node, s) -> range > 0 ? (long) (MAX_SCORE * (double) (s - min) / range) : 0);
  }
}
