package io.nauta.scheduler.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.nauta.api.labels.LabelSelector;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.FitError;
import io.nauta.scheduler.framework.Framework;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Selectors;
import io.nauta.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Preemption as Kubernetes does it. For each node that failed Filter for a reason evicting pods can
 * change, imagine every lower-priority pod gone; if the pod then fits, add them back one by one,
 * most important first and PDB-protected ones before the others, keeping each that still leaves
 * room: the rest are the node's victims. Among such candidates pick the node with the fewest PDB
 * violations, then the lowest highest victim priority, the lowest priority sum, the fewest victims,
 * and the latest-started most important victims. The scheduler then deletes the victims and
 * nominates the node. Stateless.
 */
public final class DefaultPreemption implements Plugin.PostFilter {
  public static final String NAME = "DefaultPreemption";
  public static final String NO_VICTIMS = "No preemption victims found for incoming pod";
  public static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
  public static final String POLICY_NEVER = "not eligible due to preemptionPolicy=Never.";
  public static final String TERMINATING =
      "not eligible due to a terminating pod on the nominated node.";

  /** Candidates to evaluate: this share of the nodes, but at least {@link #MIN_CANDIDATES}. */
  static final int CANDIDATE_PERCENT = 10;

  static final int MIN_CANDIDATES = 100;

  /** A node where preemption would work: who must go, and how many of them break a PDB. */
  record Candidate(String node, List<Pod> victims, int pdbViolations) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PostFilterResult postFilter(
      CycleState state,
      Pod pod,
      List<NodeInfo> nodes,
      Map<String, Status> failures,
      Framework framework) {
    if ("Never".equals(pod.getSpec().getPreemptionPolicy())) {
      return PostFilterResult.none(Status.unschedulable(NAME, POLICY_NEVER));
    }
    if (waitingForVictims(pod, nodes)) {
      return PostFilterResult.none(Status.unschedulable(NAME, TERMINATING));
    }
    List<PodDisruptionBudget> pdbs = state.listers().podDisruptionBudgets(Selectors.namespace(pod));
    int enough = Math.max(MIN_CANDIDATES, nodes.size() * CANDIDATE_PERCENT / 100);
    List<Candidate> candidates = new ArrayList<>();
    Map<String, Status> why = new LinkedHashMap<>();
    for (NodeInfo node : nodes) {
      Status failure = failures.get(node.name());
      if (failure == null || failure.code() != Status.Code.UNSCHEDULABLE) {
        why.put(node.name(), Status.unresolvable(NAME, NOT_HELPFUL));
        continue;
      }
      Candidate c = selectVictims(state, pod, node, framework, pdbs);
      if (c == null) {
        why.put(node.name(), Status.unschedulable(NAME, NO_VICTIMS));
      } else if (candidates.add(c) && candidates.size() >= enough) {
        break;
      }
    }
    if (candidates.isEmpty()) {
      return PostFilterResult.none(
          Status.unschedulable(NAME, FitError.summarize(nodes.size(), why.values())));
    }
    Candidate best = candidates.stream().min(BEST).orElseThrow();
    return new PostFilterResult(best.node(), best.victims(), Status.SUCCESS);
  }

  /**
   * A pod already nominated to a node where lower-priority pods are terminating waits for them
   * rather than preempting more.
   */
  private static boolean waitingForVictims(Pod pod, List<NodeInfo> nodes) {
    String nominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
    if (nominated == null || nominated.isEmpty()) {
      return false;
    }
    int priority = priority(pod);
    for (NodeInfo n : nodes) {
      if (n.name().equals(nominated)) {
        return n.pods().stream().anyMatch(p -> terminating(p) && priority(p) < priority);
      }
    }
    return false;
  }

  /** The fewest victims on {@code node} that make room for {@code pod}, or null if none can. */
  static Candidate selectVictims(
      CycleState cycle,
      Pod pod,
      NodeInfo node,
      Framework framework,
      List<PodDisruptionBudget> pdbs) {
    int priority = priority(pod);
    List<Pod> potential = new ArrayList<>();
    List<Pod> staying = new ArrayList<>();
    for (Pod p : node.pods()) {
      (priority(p) < priority && !terminating(p) ? potential : staying).add(p);
    }
    if (potential.isEmpty()) {
      return null;
    }
    CycleState state = cycle.copy();
    NodeInfo info = NodeInfo.of(node.node(), staying); // one rebuild, not one per victim
    for (Pod v : potential) {
      framework.removePod(state, pod, v, info);
    }
    if (!framework.runFilters(state, pod, info).isSuccess()) {
      return null;
    }
    potential.sort(MORE_IMPORTANT);
    List<Pod> violating = new ArrayList<>();
    List<Pod> sparable = new ArrayList<>();
    splitByBudgets(potential, pdbs, violating, sparable);
    Reprieve r = new Reprieve(framework, state, pod, info);
    int violations = 0;
    for (Pod v : violating) {
      violations += r.tryKeep(v) ? 0 : 1;
    }
    sparable.forEach(r::tryKeep);
    List<Pod> victims = r.victims;
    if (victims.isEmpty()) {
      return null;
    }
    victims.sort(MORE_IMPORTANT);
    return new Candidate(node.name(), victims, violations);
  }

  /** Adds imagined-away pods back one by one while the incoming pod still fits. */
  private static final class Reprieve {
    final Framework framework;
    final CycleState state;
    final Pod pod;
    NodeInfo info;
    final List<Pod> victims = new ArrayList<>();

    Reprieve(Framework framework, CycleState state, Pod pod, NodeInfo info) {
      this.framework = framework;
      this.state = state;
      this.pod = pod;
      this.info = info;
    }

    /** Keeps {@code v} on the node if the pod still fits with it; else it becomes a victim. */
    boolean tryKeep(Pod v) {
      NodeInfo with = info.withPod(v);
      framework.addPod(state, pod, v, with);
      if (framework.runFilters(state, pod, with).isSuccess()) {
        info = with;
        return true;
      }
      framework.removePod(state, pod, v, info);
      victims.add(v);
      return false;
    }
  }

  /**
   * Pods whose eviction would take a budget they match below zero disruptions allowed go to {@code
   * violating}, the others to {@code sparable}; each eviction spends one allowed disruption.
   * Budgets with an empty selector are ignored, as in Kubernetes' preemption.
   */
  static void splitByBudgets(
      List<Pod> pods, List<PodDisruptionBudget> pdbs, List<Pod> violating, List<Pod> sparable) {
    Map<Integer, Integer> allowed = new HashMap<>();
    List<LabelSelector> selectors = new ArrayList<>();
    for (int i = 0; i < pdbs.size(); i++) {
      PodDisruptionBudget b = pdbs.get(i);
      selectors.add(b.getSpec() == null ? null : Selectors.compile(b.getSpec().getSelector()));
      Integer a = b.getStatus() == null ? null : b.getStatus().getDisruptionsAllowed();
      allowed.put(i, a == null ? 0 : a);
    }
    for (Pod p : pods) {
      boolean violates = false;
      for (int i = 0; i < pdbs.size(); i++) {
        PodDisruptionBudget b = pdbs.get(i);
        LabelSelector s = selectors.get(i);
        if (s == null
            || s.isEmpty()
            || !Selectors.namespace(p).equals(b.getMetadata().getNamespace())
            || !s.matches(Selectors.podLabels(p))) {
          continue;
        }
        if (b.getStatus() != null
            && b.getStatus().getDisruptedPods() != null
            && b.getStatus().getDisruptedPods().containsKey(p.getMetadata().getName())) {
          continue; // already counted as disrupted
        }
        if (allowed.merge(i, -1, Integer::sum) < 0) {
          violates = true;
        }
      }
      (violates ? violating : sparable).add(p);
    }
  }

  /** Higher priority first, then the one running longer. */
  static final Comparator<Pod> MORE_IMPORTANT =
      Comparator.comparingInt(DefaultPreemption::priority)
          .reversed()
          .thenComparing(DefaultPreemption::startTime);

  /** Kubernetes' pickOneNodeForPreemption order: the best candidate compares lowest. */
  static final Comparator<Candidate> BEST =
      Comparator.comparingInt(Candidate::pdbViolations)
          .thenComparingInt(c -> priority(c.victims().get(0)))
          .thenComparingLong(
              c ->
                  c.victims().stream()
                      .mapToLong(v -> (long) priority(v) + Integer.MAX_VALUE + 1)
                      .sum())
          .thenComparingInt(c -> c.victims().size())
          .thenComparing(DefaultPreemption::earliestTopStart, Comparator.reverseOrder());

  /** When the first of the most important victims started: later is better to disrupt. */
  private static String earliestTopStart(Candidate c) {
    int top = priority(c.victims().get(0));
    return c.victims().stream()
        .filter(v -> priority(v) == top)
        .map(DefaultPreemption::startTime)
        .min(Comparator.naturalOrder())
        .orElse("");
  }

  /** RFC 3339 start (or creation) time; in UTC these sort as strings. */
  private static String startTime(Pod p) {
    if (p.getStatus() != null && p.getStatus().getStartTime() != null) {
      return p.getStatus().getStartTime();
    }
    String created = p.getMetadata().getCreationTimestamp();
    return created == null ? "" : created;
  }

  static int priority(Pod p) {
    Integer v = p.getSpec() == null ? null : p.getSpec().getPriority();
    return v == null ? 0 : v;
  }

  private static boolean terminating(Pod p) {
    return p.getMetadata().getDeletionTimestamp() != null;
  }
}
