package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one profile's plugins. The scheduling cycle ({@link #schedule}) runs PreFilter, then Filter
 * on every node, then PreScore and Score on the nodes that passed, and picks the node with the
 * highest weighted total (ties broken at random); when none passes, PostFilter plugins may make
 * room (preemption). A pod nominated to a node by an earlier preemption tries that node first. In
 * large clusters filtering stops once enough feasible nodes are found (see {@link
 * #feasibleNodesToFind}), the next cycle starting where this one stopped.
 *
 * <p>{@link #reserve}, {@link #permit}, {@link #waitOnPermit}, {@link #preBind} and {@link #bind}
 * are the later extension points, run by the scheduler around binding. Scheduling cycles run one at
 * a time (not thread-safe); the binding-side methods are thread-safe. The tie-breaking random
 * source is seeded by the caller for reproducible tests.
 */
public final class Framework {
  private final List<Plugin.PreFilter> preFilters = new ArrayList<>();
  private final List<Plugin.Filter> filters = new ArrayList<>();
  private final List<Plugin.PostFilter> postFilters = new ArrayList<>();
  private final List<Plugin.PreScore> preScores = new ArrayList<>();
  private final Map<Plugin.Score, Long> scores = new LinkedHashMap<>();
  private final List<Plugin.Reserve> reserves = new ArrayList<>();
  private final List<Plugin.Permit> permits = new ArrayList<>();
  private final List<Plugin.PreBind> preBinds = new ArrayList<>();
  private final List<Plugin.Bind> binds = new ArrayList<>();
  private final Map<String, WaitingPod> waiting = new ConcurrentHashMap<>();
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
      if (p instanceof Plugin.PostFilter f) {
        postFilters.add(f);
      }
      if (p instanceof Plugin.PreScore s) {
        preScores.add(s);
      }
      if (p instanceof Plugin.Score s) {
        scores.put(s, weights.getOrDefault(s.name(), 1L));
      }
      if (p instanceof Plugin.Reserve r) {
        reserves.add(r);
      }
      if (p instanceof Plugin.Permit r) {
        permits.add(r);
      }
      if (p instanceof Plugin.PreBind b) {
        preBinds.add(b);
      }
      if (p instanceof Plugin.Bind b) {
        binds.add(b);
      }
    }
    this.random = random;
  }

  /** The outcome of a scheduling cycle: the chosen node, or why there is none. */
  public sealed interface Result permits Result.Selected, Result.Unschedulable {
    /**
     * The pod goes to {@code node}; {@code totals} are the weighted scores of feasible nodes;
     * {@code state} is the cycle's, for the later extension points.
     */
    record Selected(String node, Map<String, Long> totals, CycleState state) implements Result {
      public Selected(String node, Map<String, Long> totals) {
        this(node, totals, new CycleState());
      }
    }

    /**
     * No node fits. {@code nomination}, when PostFilter found one, names the node the pod may have
     * once the victims are gone.
     */
    record Unschedulable(FitError error, Plugin.PostFilterResult nomination) implements Result {
      public Unschedulable(FitError error) {
        this(error, null);
      }
    }
  }

  /** Schedules {@code pod} onto one of {@code nodes}, seeing no other cluster objects. */
  public Result schedule(Pod pod, List<NodeInfo> nodes) {
    return schedule(pod, nodes, Listers.NONE);
  }

  /** Schedules {@code pod} onto one of {@code nodes}; plugins read other objects via listers. */
  public Result schedule(Pod pod, List<NodeInfo> nodes, Listers listers) {
    CycleState state = new CycleState(listers);
    Status pre = runPreFilters(state, pod, nodes);
    if (!pre.isSuccess()) {
      // PostFilter still runs, as in Kubernetes: preemption says it cannot help on any node
      return unschedulable(state, pod, nodes, Map.of("", pre));
    }
    NodeInfo nominated = nominatedNode(pod, nodes);
    if (nominated != null && runFilters(state, pod, nominated).isSuccess()) {
      return new Result.Selected(nominated.name(), Map.of(nominated.name(), 0L), state);
    }
    List<NodeInfo> feasible = new ArrayList<>();
    Map<String, Status> failures = new HashMap<>();
    int n = nodes.size();
    int want = feasibleNodesToFind(n);
    int start = n == 0 ? 0 : Math.floorMod(nextStart, n);
    int processed = 0;
    for (; processed < n && feasible.size() < want; processed++) {
      NodeInfo node = nodes.get((start + processed) % n);
      Status verdict = runFilters(state, pod, node);
      if (verdict.isSuccess()) {
        feasible.add(node);
      } else {
        failures.put(node.name(), verdict);
      }
    }
    // the next pod starts where this one stopped, so every node gets its turn
    nextStart = n == 0 ? 0 : (start + processed) % n;
    if (feasible.isEmpty()) {
      return unschedulable(state, pod, nodes, failures);
    }
    if (feasible.size() == 1) {
      return new Result.Selected(feasible.get(0).name(), Map.of(feasible.get(0).name(), 0L), state);
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
    return new Result.Selected(pick(totals), totals, state);
  }

  private Result unschedulable(
      CycleState state, Pod pod, List<NodeInfo> nodes, Map<String, Status> failures) {
    FitError error = new FitError(nodes.size(), failures);
    for (Plugin.PostFilter p : postFilters) {
      Plugin.PostFilterResult r = p.postFilter(state, pod, nodes, failures, this);
      if (r.nominatedNode() != null) {
        return new Result.Unschedulable(error, r);
      }
      if (!r.status().reasons().isEmpty()) {
        error = error.withPostFilterMessage(r.status().message());
      }
    }
    return new Result.Unschedulable(error);
  }

  private static NodeInfo nominatedNode(Pod pod, List<NodeInfo> nodes) {
    String name = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
    if (name == null || name.isEmpty()) {
      return null;
    }
    for (NodeInfo n : nodes) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    return null;
  }

  /** Runs every PreFilter plugin; the first failure wins. */
  public Status runPreFilters(CycleState state, Pod pod, List<NodeInfo> nodes) {
    for (Plugin.PreFilter p : preFilters) {
      Status s = p.preFilter(state, pod, nodes);
      if (!s.isSuccess()) {
        return s;
      }
    }
    return Status.SUCCESS;
  }

  /** Runs every Filter plugin on one node; the first failure wins. */
  public Status runFilters(CycleState state, Pod pod, NodeInfo node) {
    for (Plugin.Filter f : filters) {
      Status s = f.filter(state, pod, node);
      if (!s.isSuccess()) {
        return s;
      }
    }
    return Status.SUCCESS;
  }

  /** Tells every PreFilter plugin to count {@code other} as on {@code node} in {@code state}. */
  public void addPod(CycleState state, Pod pod, Pod other, NodeInfo node) {
    preFilters.forEach(p -> p.addPod(state, pod, other, node));
  }

  /** Tells every PreFilter plugin to count {@code other} as gone from {@code node}. */
  public void removePod(CycleState state, Pod pod, Pod other, NodeInfo node) {
    preFilters.forEach(p -> p.removePod(state, pod, other, node));
  }

  /**
   * Runs Reserve plugins in order; on the first failure, unreserves those already run and returns
   * it.
   */
  public Status reserve(CycleState state, Pod pod, String node) {
    for (int i = 0; i < reserves.size(); i++) {
      Status s = reserves.get(i).reserve(state, pod, node);
      if (!s.isSuccess()) {
        for (int j = i; j >= 0; j--) {
          reserves.get(j).unreserve(state, pod, node);
        }
        return s;
      }
    }
    return Status.SUCCESS;
  }

  /** Runs every Reserve plugin's unreserve, in reverse order. */
  public void unreserve(CycleState state, Pod pod, String node) {
    for (int j = reserves.size() - 1; j >= 0; j--) {
      reserves.get(j).unreserve(state, pod, node);
    }
  }

  /**
   * Runs Permit plugins: a rejection is returned at once; plugins that hold the pod make it a
   * waiting pod (SUCCESS returned; {@link #waitOnPermit} blocks on it).
   */
  public Status permit(CycleState state, Pod pod, String node) {
    Set<String> holders = new HashSet<>();
    Duration longest = Duration.ZERO;
    for (Plugin.Permit p : permits) {
      Plugin.PermitResult r = p.permit(state, pod, node);
      if (r.status().code() == Status.Code.WAIT) {
        holders.add(p.name());
        longest = r.timeout().compareTo(longest) > 0 ? r.timeout() : longest;
      } else if (!r.status().isSuccess()) {
        return r.status();
      }
    }
    if (!holders.isEmpty()) {
      waiting.put(uid(pod), new WaitingPod(pod, node, holders, longest));
    }
    return Status.SUCCESS;
  }

  /**
   * Blocks until a held pod is allowed by every plugin holding it (SUCCESS), rejected, or its
   * timeout passes (UNSCHEDULABLE); SUCCESS at once for a pod nobody holds.
   */
  public Status waitOnPermit(Pod pod) throws InterruptedException {
    WaitingPod w = waiting.get(uid(pod));
    if (w == null) {
      return Status.SUCCESS;
    }
    try {
      return w.verdict.get(w.timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Status.unschedulable(
          String.join(",", w.holders), "rejected due to timeout after waiting " + w.timeout);
    } catch (ExecutionException e) {
      return Status.error("Permit", String.valueOf(e.getCause()));
    } finally {
      waiting.remove(uid(pod));
    }
  }

  /** A pod held at Permit, for plugins that decide for a group of pods. */
  public record Waiting(Pod pod, String node) {}

  /** The pods now held at Permit. */
  public List<Waiting> waitingPods() {
    return waiting.values().stream().map(w -> new Waiting(w.pod, w.node)).toList();
  }

  /** {@code plugin} stops holding the pod with this uid; it goes on when no plugin holds it. */
  public void allow(String podUid, String plugin) {
    WaitingPod w = waiting.get(podUid);
    if (w != null) {
      synchronized (w) {
        w.holders.remove(plugin);
        if (w.holders.isEmpty()) {
          w.verdict.complete(Status.SUCCESS);
        }
      }
    }
  }

  /** Rejects the held pod with this uid; it goes back to the queue. */
  public void reject(String podUid, String plugin, String reason) {
    WaitingPod w = waiting.get(podUid);
    if (w != null) {
      w.verdict.complete(Status.unschedulable(plugin, reason));
    }
  }

  /** Runs PreBind plugins; the first failure wins. */
  public Status preBind(CycleState state, Pod pod, String node) {
    for (Plugin.PreBind p : preBinds) {
      Status s = p.preBind(state, pod, node);
      if (!s.isSuccess()) {
        return s;
      }
    }
    return Status.SUCCESS;
  }

  /**
   * Runs Bind plugins until one does not skip; SKIP when all skip (or there are none), and the
   * caller binds through the API itself.
   */
  public Status bind(CycleState state, Pod pod, String node) {
    for (Plugin.Bind b : binds) {
      Status s = b.bind(state, pod, node);
      if (s.code() != Status.Code.SKIP) {
        return s;
      }
    }
    return new Status(Status.Code.SKIP, List.of(), "");
  }

  private static String uid(Pod pod) {
    String uid = pod.getMetadata().getUid();
    return uid != null ? uid : pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  private static final class WaitingPod {
    final Pod pod;
    final String node;
    final Set<String> holders;
    final Duration timeout;
    final CompletableFuture<Status> verdict = new CompletableFuture<>();

    WaitingPod(Pod pod, String node, Set<String> holders, Duration timeout) {
      this.pod = pod;
      this.node = node;
      this.holders = holders;
      this.timeout = timeout;
    }
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
