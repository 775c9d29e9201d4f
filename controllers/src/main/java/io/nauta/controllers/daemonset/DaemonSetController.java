package io.nauta.controllers.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.client.events.EventRecorder;
import io.nauta.client.labels.LabelSelectors;
import io.nauta.controllers.history.History;
import io.nauta.controllers.history.Revisions;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Expectations;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.PodClaims;
import io.nauta.controllers.runtime.PodControl;
import io.nauta.controllers.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one pod of each DaemonSet on every node that should run it ({@link NodeEligibility}): pods
 * are pinned to their node by a required node affinity on {@code metadata.name} and bound by the
 * scheduler; pods of removed nodes are force-deleted, pods of nodes no longer eligible deleted,
 * failed pods deleted and replaced with per-node backoff. Each template is a {@link History}
 * revision, its hash the pods' {@code controller-revision-hash}; RollingUpdate replaces old pods
 * within maxUnavailable or maxSurge ({@link DaemonPlan}), OnDelete only when they are deleted. The
 * status carries what {@code kubectl rollout status ds/x} waits for.
 */
public final class DaemonSetController extends Controller {
  static final String GENERATION_LABEL = "pod-template-generation";

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Expectations expectations;
  private final Clock clock;
  private final PodControl pods;
  private final History history;
  private final FailedPodBackoff backoff;

  public DaemonSetController(
      KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
    super("daemonset", 2);
    this.client = client;
    this.informers = informers;
    this.events = events.as("daemonset-controller");
    this.clock = clock;
    this.expectations = new Expectations(clock);
    this.pods = new PodControl(client, this.events, expectations, "daemonset");
    this.history = new History(client, informers);
    this.backoff = new FailedPodBackoff(clock);
    DaemonSetEvents.register(this, informers, expectations);
  }

  @Override
  protected void sync(String key) throws Exception {
    DaemonSet ds = informers.get(DaemonSet.class, key);
    if (ds == null) {
      expectations.delete(key);
      return;
    }
    if (ds.getMetadata().getDeletionTimestamp() != null) {
      return; // the garbage collector removes the pods
    }
    List<ControllerRevision> revisions = history.owned(ds);
    ControllerRevision cur = history.current(ds, ds.getSpec().getTemplate(), revisions);
    String hash = hashOf(cur);
    String ns = ds.getMetadata().getNamespace();
    List<Pod> owned =
        PodClaims.claim(
            client,
            ds,
            LabelSelectors.compile(ds.getSpec().getSelector()),
            informers.list(Pod.class, ns));
    Map<String, Node> nodes = new HashMap<>();
    for (Node n : informers.of(Node.class).getStore().list()) {
      nodes.put(n.getMetadata().getName(), n);
    }
    Map<String, List<Pod>> byNode = new HashMap<>();
    List<Pod> failed = new ArrayList<>();
    List<Pod> stray = new ArrayList<>();
    for (Pod p : owned) {
      if (p.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      String node = targetNode(p);
      if (node == null || !nodes.containsKey(node)) {
        stray.add(p);
      } else if ("Failed".equals(p.getStatus() == null ? null : p.getStatus().getPhase())) {
        failed.add(p);
      } else if (!"Succeeded".equals(p.getStatus() == null ? null : p.getStatus().getPhase())) {
        byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
      }
    }
    PodSpec daemonSpec =
        NodeEligibility.withDaemonTolerations(ds.getSpec().getTemplate().getSpec());
    List<DaemonPlan.NodePods> plan = new ArrayList<>();
    for (Node n : nodes.values()) {
      String name = n.getMetadata().getName();
      plan.add(
          new DaemonPlan.NodePods(
              name, NodeEligibility.decide(n, daemonSpec), byNode.getOrDefault(name, List.of())));
    }
    plan.sort(java.util.Comparator.comparing(DaemonPlan.NodePods::node));
    int minReady = minReadySeconds(ds);
    Instant now = clock.instant();
    expectations.settleDeletions(key, informers::podGoneOrTerminating);
    if (expectations.satisfied(key)) {
      forceDelete(ds, stray);
      DaemonPlan.Actions actions =
          DaemonPlan.plan(
              plan,
              strategy(ds, (int) plan.stream().filter(n -> n.decision().shouldRun()).count()),
              p -> hash.equals(PodClaims.labels(p).get(Revisions.HASH_LABEL)),
              p -> Pods.available(p, minReady, now));
      List<Pod> delete = new ArrayList<>(actions.delete());
      Set<String> backingOff = new HashSet<>();
      for (Pod p : failed) {
        String node = ds.getMetadata().getUid() + "/" + targetNode(p);
        Duration wait = backoff.remaining(node);
        if (wait.isZero()) {
          backoff.failed(node);
          delete.add(p);
        } else {
          backingOff.add(targetNode(p));
          queue.addAfter(key, wait);
        }
      }
      List<String> create = actions.create().stream().filter(n -> !backingOff.contains(n)).toList();
      if (!delete.isEmpty()) {
        pods.delete(ds, key, delete);
      } else if (!create.isEmpty()) {
        pods.create(ds, key, create.size(), i -> daemonPod(ds, hash, create.get(i)));
      }
    }
    int limit =
        ds.getSpec().getRevisionHistoryLimit() == null
            ? 10
            : ds.getSpec().getRevisionHistoryLimit();
    Set<String> liveHashes = new HashSet<>(Set.of(hash));
    owned.forEach(p -> liveHashes.add(PodClaims.labels(p).get(Revisions.HASH_LABEL)));
    history.trim(
        revisions,
        r ->
            r.getMetadata().getName().equals(cur.getMetadata().getName())
                || liveHashes.contains(hashOf(r)),
        limit);
    new DaemonSetStatusWriter(client, queue).write(ds, plan, hash, minReady, now);
  }

  private static String hashOf(ControllerRevision r) {
    String h = PodClaims.labels(r).get(Revisions.HASH_LABEL);
    return h != null ? h : Revisions.hash(Revisions.template(r));
  }

  private void forceDelete(DaemonSet ds, List<Pod> stray) {
    // their node is gone: no node agent will finish a graceful deletion (Kubernetes' pod GC)
    for (Pod p : stray) {
      try {
        client
            .pods()
            .inNamespace(p.getMetadata().getNamespace())
            .withName(p.getMetadata().getName())
            .withGracePeriod(0)
            .delete();
        events.normal(ds, "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName());
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
  }

  /** The node a daemon pod runs on, or is pinned to by its node affinity; null if neither. */
  static String targetNode(Pod p) {
    if (p.getSpec() == null) {
      return null;
    }
    if (p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty()) {
      return p.getSpec().getNodeName();
    }
    var affinity = p.getSpec().getAffinity();
    if (affinity == null
        || affinity.getNodeAffinity() == null
        || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return null;
    }
    for (NodeSelectorTerm t :
        affinity
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms()) {
      for (NodeSelectorRequirement r : t.getMatchFields()) {
        if ("metadata.name".equals(r.getKey())
            && "In".equals(r.getOperator())
            && r.getValues() != null
            && r.getValues().size() == 1) {
          return r.getValues().get(0);
        }
      }
    }
    return null;
  }

  /** The daemon pod for {@code node}: the template, its revision labels, pinned to the node. */
  static Pod daemonPod(DaemonSet ds, String hash, String node) {
    Pod p = PodControl.fromTemplate(ds, ds.getSpec().getTemplate(), null);
    Map<String, String> labels = new java.util.LinkedHashMap<>(PodClaims.labels(p));
    labels.put(Revisions.HASH_LABEL, hash);
    labels.put(GENERATION_LABEL, String.valueOf(ds.getMetadata().getGeneration()));
    p.getMetadata().setLabels(labels);
    PodSpec spec = NodeEligibility.withDaemonTolerations(p.getSpec());
    // Kubernetes' way: the scheduler binds the pod, held to this node by its required affinity,
    // which replaces any the template had (the controller already checked them)
    var affinity =
        spec.getAffinity() == null
            ? new io.fabric8.kubernetes.api.model.Affinity()
            : new io.fabric8.kubernetes.api.model.AffinityBuilder(spec.getAffinity()).build();
    var nodeAffinity =
        affinity.getNodeAffinity() == null
            ? new io.fabric8.kubernetes.api.model.NodeAffinity()
            : affinity.getNodeAffinity();
    nodeAffinity.setRequiredDuringSchedulingIgnoredDuringExecution(
        new io.fabric8.kubernetes.api.model.NodeSelectorBuilder()
            .addNewNodeSelectorTerm()
            .addNewMatchField()
            .withKey("metadata.name")
            .withOperator("In")
            .withValues(node)
            .endMatchField()
            .endNodeSelectorTerm()
            .build());
    affinity.setNodeAffinity(nodeAffinity);
    spec.setAffinity(affinity);
    p.setSpec(spec);
    return p;
  }

  private static int minReadySeconds(DaemonSet ds) {
    return ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
  }

  /** The update strategy with maxUnavailable and maxSurge resolved against the desired count. */
  static DaemonPlan.Strategy strategy(DaemonSet ds, int desired) {
    var s = ds.getSpec().getUpdateStrategy();
    if (s != null && "OnDelete".equals(s.getType())) {
      return new DaemonPlan.Strategy(false, 0, 0);
    }
    var ru = s == null ? null : s.getRollingUpdate();
    int surge = resolve(ru == null ? null : ru.getMaxSurge(), desired, 0);
    int unavailable = resolve(ru == null ? null : ru.getMaxUnavailable(), desired, 1);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new DaemonPlan.Strategy(true, unavailable, surge);
  }

  /** An absolute count or a percent of {@code total}, percents rounded up as Kubernetes does. */
  static int resolve(IntOrString v, int total, int fallback) {
    if (v == null) {
      return fallback;
    }
    if (v.getIntVal() != null) {
      return v.getIntVal();
    }
    String s = v.getStrVal();
    if (s.endsWith("%")) {
      long scaled = (long) Integer.parseInt(s.substring(0, s.length() - 1)) * total;
      return (int) ((scaled + 99) / 100);
    }
    return Integer.parseInt(s);
  }

  /** The key of the DaemonSet controlling {@code p}, if it is one we know. */
  String ownerKey(Pod p) {
    OwnerReference ref = Pods.controllerOf(p);
    if (ref == null || !"DaemonSet".equals(ref.getKind())) {
      return null;
    }
    String key = p.getMetadata().getNamespace() + "/" + ref.getName();
    DaemonSet ds = informers.get(DaemonSet.class, key);
    return ds != null && ds.getMetadata().getUid().equals(ref.getUid()) ? key : null;
  }

  @Override
  public void close() {
    super.close();
    pods.close();
  }
}
