package io.nauta.scheduler;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.nauta.client.events.EventRecorder;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.FitError;
import io.nauta.scheduler.framework.Framework;
import io.nauta.scheduler.framework.Listers;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches pods without a node and binds each to the node its {@link Framework} picks; a pod that
 * fits nowhere gets {@code PodScheduled=False} (reason Unschedulable) and a FailedScheduling event,
 * and is retried when nodes change or pods go away. An API client like any other: it talks to the
 * API server only through {@code client}. One worker thread.
 */
public final class Scheduler implements AutoCloseable {
  public static final String DEFAULT_NAME = "default-scheduler";
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

  private final KubernetesClient client;
  private final Map<String, Framework> profiles;
  private final Clock clock;
  private final SchedulingQueue queue;
  private final SchedulerCache cache = new SchedulerCache();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  /** Pods nominated to a node by preemption, by key; they hold their place there. */
  private final Map<String, Nominated> nominated = new java.util.concurrent.ConcurrentHashMap<>();

  private volatile SharedIndexInformer<PodDisruptionBudget> budgets;
  private volatile SharedIndexInformer<Service> services;
  private volatile SharedIndexInformer<ReplicaSet> replicaSets;
  private volatile SharedIndexInformer<StatefulSet> statefulSets;
  private volatile SharedIndexInformer<ReplicationController> replicationControllers;
  private volatile SharedIndexInformer<PersistentVolumeClaim> claims;
  private volatile SharedIndexInformer<PersistentVolume> volumes;
  private volatile SharedIndexInformer<StorageClass> storageClasses;
  private volatile SharedIndexInformer<CSINode> csiNodes;

  private record Nominated(Pod pod, String node) {}

  /** Binding cycles run here, so the next pod's scheduling cycle need not wait for the API. */
  private final java.util.concurrent.ExecutorService binders =
      java.util.concurrent.Executors.newFixedThreadPool(
          32, Thread.ofPlatform().name("scheduler-bind-", 0).daemon().factory());

  /** Events are best effort and must not hold up binding. */
  private final EventRecorder events;

  private volatile boolean running;
  private volatile boolean leading = true;
  private Thread worker;

  /** A scheduler with one profile. */
  public Scheduler(
      KubernetesClient client, Framework framework, String schedulerName, Clock clock) {
    this(client, Map.of(schedulerName, framework), clock);
  }

  /**
   * A scheduler serving several profiles: each pod is scheduled by the framework its {@code
   * schedulerName} selects; pods naming none of them are left alone.
   */
  public Scheduler(KubernetesClient client, Map<String, Framework> profiles, Clock clock) {
    this.client = client;
    this.profiles = Map.copyOf(profiles);
    this.clock = clock;
    this.queue = new SchedulingQueue(clock);
    this.events = new EventRecorder(client, DEFAULT_NAME, clock);
  }

  /** Starts the informers and the worker; returns once both caches have synced. */
  public synchronized void start() {
    running = true;
    budgets = client.policy().v1().podDisruptionBudget().inAnyNamespace().inform();
    services = client.services().inAnyNamespace().inform();
    replicaSets = client.apps().replicaSets().inAnyNamespace().inform();
    statefulSets = client.apps().statefulSets().inAnyNamespace().inform();
    replicationControllers = client.replicationControllers().inAnyNamespace().inform();
    informers.addAll(List.of(budgets, services, replicaSets, statefulSets, replicationControllers));
    // a claim or volume that appears, binds or changes may make an unschedulable pod fit
    ResourceEventHandler<Object> retry = new RetryOnChange();
    claims = client.persistentVolumeClaims().inAnyNamespace().inform(cast(retry));
    volumes = client.persistentVolumes().inform(cast(retry));
    storageClasses = client.storage().v1().storageClasses().inform(cast(retry));
    // a node's volume limit that appears or grows may make an unschedulable pod fit
    csiNodes = client.storage().v1().csiNodes().inform(cast(retry));
    informers.addAll(List.of(claims, volumes, storageClasses, csiNodes));
    informers.add(client.nodes().inform(new NodeHandler()));
    informers.add(client.pods().inAnyNamespace().inform(new PodHandler()));
    worker = Thread.ofPlatform().name("scheduler").daemon().start(this::run);
  }

  /**
   * Whether this instance may bind pods (it leads). A standby keeps its caches warm and its queue
   * filled, and starts scheduling the moment it leads. Starts true (no election).
   */
  public void setLeading(boolean leading) {
    this.leading = leading;
    if (leading) {
      queue.moveAllToActive();
    }
  }

  /** The queue, for tests and metrics. */
  public SchedulingQueue queue() {
    return queue;
  }

  private void run() {
    while (running) {
      try {
        if (!leading) {
          Thread.sleep(100);
          continue;
        }
        SchedulingQueue.QueuedPod q = queue.pop(Duration.ofMillis(500));
        if (q != null) {
          scheduleOne(q);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("scheduling cycle failed", e);
      }
    }
  }

  private void scheduleOne(SchedulingQueue.QueuedPod q) {
    Pod pod = q.pod();
    Framework framework = profiles.get(profileOf(pod));
    if (framework == null) {
      queue.done(q);
      return;
    }
    List<NodeInfo> nodes = withNominatedPods(cache.snapshot(), pod);
    switch (framework.schedule(pod, nodes, listers)) {
      case Framework.Result.Selected s -> assume(q, framework, s);
      case Framework.Result.Unschedulable u -> {
        String nominatedNode = null;
        if (u.nomination() != null) {
          nominatedNode = u.nomination().nominatedNode();
          preempt(pod, u.nomination());
        }
        recordUnschedulable(pod, u.error(), nominatedNode);
        queue.unschedulable(q);
      }
    }
  }

  /** What plugins see besides nodes and pods, from this scheduler's informers. */
  private final Listers listers =
      new Listers() {
        @Override
        public List<PodDisruptionBudget> podDisruptionBudgets(String namespace) {
          return inNamespace(budgets, namespace);
        }

        @Override
        public List<Service> services(String namespace) {
          return inNamespace(services, namespace);
        }

        @Override
        public PersistentVolumeClaim persistentVolumeClaim(String namespace, String name) {
          return claims == null ? null : claims.getIndexer().getByKey(namespace + "/" + name);
        }

        @Override
        public PersistentVolume persistentVolume(String name) {
          return volumes == null ? null : volumes.getIndexer().getByKey(name);
        }

        @Override
        public List<PersistentVolume> persistentVolumes() {
          return volumes == null ? List.of() : volumes.getIndexer().list();
        }

        @Override
        public StorageClass storageClass(String name) {
          return storageClasses == null ? null : storageClasses.getIndexer().getByKey(name);
        }

        @Override
        public CSINode csiNode(String name) {
          return csiNodes == null ? null : csiNodes.getIndexer().getByKey(name);
        }

        @Override
        public LabelSelector controllerSelector(String namespace, String kind, String name) {
          String key = namespace + "/" + name;
          return switch (kind) {
            case "ReplicaSet" -> {
              ReplicaSet rs = replicaSets == null ? null : replicaSets.getIndexer().getByKey(key);
              yield rs == null || rs.getSpec() == null ? null : rs.getSpec().getSelector();
            }
            case "StatefulSet" -> {
              StatefulSet ss =
                  statefulSets == null ? null : statefulSets.getIndexer().getByKey(key);
              yield ss == null || ss.getSpec() == null ? null : ss.getSpec().getSelector();
            }
            case "ReplicationController" -> {
              ReplicationController rc =
                  replicationControllers == null
                      ? null
                      : replicationControllers.getIndexer().getByKey(key);
              yield rc == null || rc.getSpec() == null || rc.getSpec().getSelector() == null
                  ? null
                  : new LabelSelectorBuilder().withMatchLabels(rc.getSpec().getSelector()).build();
            }
            default -> null;
          };
        }
      };

  private static <T> List<T> inNamespace(SharedIndexInformer<T> informer, String namespace) {
    return informer == null
        ? List.of()
        : informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  /**
   * The snapshot as {@code pod} must see it: nodes with pods of at least its priority nominated to
   * them count those pods, so a lower-priority pod cannot take the room preemption made.
   */
  private List<NodeInfo> withNominatedPods(List<NodeInfo> nodes, Pod pod) {
    if (nominated.isEmpty()) {
      return nodes;
    }
    String self = SchedulingQueue.key(pod);
    int priority = priority(pod);
    Map<String, Integer> index = null;
    for (Map.Entry<String, Nominated> e : nominated.entrySet()) {
      Nominated n = e.getValue();
      if (e.getKey().equals(self) || priority(n.pod()) < priority) {
        continue;
      }
      if (index == null) {
        index = new java.util.HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
          index.put(nodes.get(i).name(), i);
        }
      }
      Integer i = index.get(n.node());
      if (i != null) {
        nodes.set(i, nodes.get(i).withPod(n.pod()));
      }
    }
    return nodes;
  }

  /**
   * Makes room for {@code pod}: nominates it to the chosen node (its status records that with the
   * PodScheduled condition), takes the nomination from lower-priority pods nominated there, and
   * deletes the victims gracefully, each with a DisruptionTarget condition and a Preempted event.
   */
  private void preempt(Pod pod, Plugin.PostFilterResult nomination) {
    String node = nomination.nominatedNode();
    String key = SchedulingQueue.key(pod);
    nominated.put(key, new Nominated(pod, node));
    List<Pod> displaced = new ArrayList<>();
    for (Map.Entry<String, Nominated> e : nominated.entrySet()) {
      if (!e.getKey().equals(key)
          && e.getValue().node().equals(node)
          && priority(e.getValue().pod()) < priority(pod)) {
        displaced.add(e.getValue().pod());
        nominated.remove(e.getKey());
      }
    }
    binders.execute(
        () -> {
          displaced.forEach(p -> setNominatedNode(p, null));
          for (Pod victim : nomination.victims()) {
            evict(victim, pod, node);
          }
        });
  }

  private void setNominatedNode(Pod pod, String node) {
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .editStatus(
              p -> {
                p.getStatus().setNominatedNodeName(node);
                return p;
              });
    } catch (KubernetesClientException e) {
      LOG.debug("could not nominate {} to {}: {}", SchedulingQueue.key(pod), node, e.getMessage());
    }
  }

  private void evict(Pod victim, Pod preemptor, String node) {
    var ref =
        client
            .pods()
            .inNamespace(victim.getMetadata().getNamespace())
            .withName(victim.getMetadata().getName());
    try {
      ref.editStatus(
          p ->
              withCondition(
                  p,
                  "DisruptionTarget",
                  "True",
                  "PreemptionByScheduler",
                  profileOf(preemptor) + ": preempting to accommodate a higher priority pod"));
      ref.delete();
      event(
          victim,
          "Normal",
          "Preempted",
          "Preempted by pod " + preemptor.getMetadata().getUid() + " on node " + node);
    } catch (KubernetesClientException e) {
      LOG.info("could not preempt {}: {}", SchedulingQueue.key(victim), e.getMessage());
    }
  }

  /** {@code p} with its condition of {@code type} replaced by the given one, stamped now. */
  private Pod withCondition(Pod p, String type, String status, String reason, String message) {
    List<PodCondition> conditions = new ArrayList<>(p.getStatus().getConditions());
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(
        new PodConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withLastTransitionTime(now())
            .build());
    p.getStatus().setConditions(conditions);
    return p;
  }

  private String now() {
    return RFC3339.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  private static int priority(Pod pod) {
    Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
    return p == null ? 0 : p;
  }

  /**
   * The scheduling cycle's end: the pod counts on its node from now on, Reserve and Permit run, and
   * the binding cycle goes on in the background.
   */
  private void assume(
      SchedulingQueue.QueuedPod q, Framework framework, Framework.Result.Selected s) {
    Pod pod = q.pod();
    String node = s.node();
    cache.assume(pod, node);
    Status reserved = framework.reserve(s.state(), pod, node);
    Status permitted = reserved.isSuccess() ? framework.permit(s.state(), pod, node) : reserved;
    if (!permitted.isSuccess()) {
      if (reserved.isSuccess()) {
        framework.unreserve(s.state(), pod, node);
      }
      cache.forget(pod);
      event(pod, "Warning", "FailedScheduling", permitted.message());
      queue.backoff(q);
      return;
    }
    binders.execute(() -> bindingCycle(q, framework, s.state(), pod, node));
  }

  private void bindingCycle(
      SchedulingQueue.QueuedPod q, Framework framework, CycleState state, Pod pod, String node) {
    Status status;
    try {
      status = framework.waitOnPermit(pod);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = Status.error("Permit", "interrupted");
    }
    if (status.isSuccess()) {
      status = framework.preBind(state, pod, node);
    }
    if (status.isSuccess()) {
      status = framework.bind(state, pod, node);
      if (status.code() == Status.Code.SKIP) {
        bindThroughApi(q, framework, state, pod, node);
        return;
      }
    }
    if (status.isSuccess()) {
      bound(q, pod, node);
    } else {
      framework.unreserve(state, pod, node);
      cache.forget(pod);
      event(pod, "Warning", "FailedScheduling", status.message());
      queue.backoff(q);
    }
  }

  private void bound(SchedulingQueue.QueuedPod q, Pod pod, String node) {
    nominated.remove(q.key());
    queue.done(q);
    event(pod, "Normal", "Scheduled", "Successfully assigned " + q.key() + " to " + node);
  }

  /** Kubernetes' DefaultBinder: a Binding through {@code pods/binding}. */
  private void bindThroughApi(
      SchedulingQueue.QueuedPod q, Framework framework, CycleState state, Pod pod, String node) {
    Binding binding =
        new BindingBuilder()
            .withNewMetadata()
            .withName(pod.getMetadata().getName())
            .withNamespace(pod.getMetadata().getNamespace())
            .withUid(pod.getMetadata().getUid())
            .endMetadata()
            .withNewTarget()
            .withKind("Node")
            .withApiVersion("v1")
            .withName(node)
            .endTarget()
            .build();
    try {
      client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(binding).create();
      bound(q, pod, node);
    } catch (KubernetesClientException e) {
      framework.unreserve(state, pod, node);
      cache.forget(pod);
      if (e.getCode() == 404 || e.getCode() == 409) {
        queue.done(q); // gone, or bound by someone else: the informer will tell
      } else {
        LOG.info("binding {} to {} failed: {}", q.key(), node, e.getMessage());
        queue.backoff(q);
      }
    }
  }

  /** Off the scheduling thread: the next pod need not wait for these API calls. */
  private void recordUnschedulable(Pod pod, FitError error, String nominatedNode) {
    String message = error.message();
    if (nominatedNode == null && alreadyReported(pod, message)) {
      return; // a retry that failed the same way: the pod already says so
    }
    binders.execute(() -> updateUnschedulable(pod, message, nominatedNode));
  }

  private static boolean alreadyReported(Pod pod, String message) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    return pod.getStatus().getConditions().stream()
        .anyMatch(
            c ->
                "PodScheduled".equals(c.getType())
                    && "False".equals(c.getStatus())
                    && message.equals(c.getMessage()));
  }

  private void updateUnschedulable(Pod pod, String message, String nominatedNode) {
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .editStatus(
              p -> {
                if (bound(p)) {
                  return p; // bound meanwhile: PodScheduled is True now
                }
                withCondition(p, "PodScheduled", "False", "Unschedulable", message);
                if (nominatedNode != null) {
                  p.getStatus().setNominatedNodeName(nominatedNode);
                }
                return p;
              });
    } catch (KubernetesClientException e) {
      LOG.debug(
          "could not record that {} is unschedulable: {}",
          SchedulingQueue.key(pod),
          e.getMessage());
    }
    event(pod, "Warning", "FailedScheduling", message);
  }

  /** Records an event about {@code pod} from the profile (scheduler name) that handles it. */
  private void event(Pod pod, String type, String reason, String message) {
    EventRecorder from = events.as(profileOf(pod));
    if ("Normal".equals(type)) {
      from.normal(pod, reason, message);
    } else {
      from.warning(pod, reason, message);
    }
  }

  private boolean mine(Pod pod) {
    return profiles.containsKey(profileOf(pod));
  }

  private static String profileOf(Pod pod) {
    String name = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
    return name == null || name.isEmpty() ? DEFAULT_NAME : name;
  }

  private static boolean bound(Pod pod) {
    return pod.getSpec() != null
        && pod.getSpec().getNodeName() != null
        && !pod.getSpec().getNodeName().isEmpty();
  }

  private static boolean finished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      update(pod);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
      update(pod);
    }

    private void update(Pod pod) {
      String key = SchedulingQueue.key(pod);
      if (bound(pod)) {
        queue.remove(key);
        nominated.remove(key);
        if (finished(pod)) {
          cache.removePod(key);
          queue.moveAllToActive();
        } else {
          cache.putPod(pod);
        }
      } else if (mine(pod) && pod.getMetadata().getDeletionTimestamp() == null) {
        queue.add(pod);
        String node = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        if (node != null && !node.isEmpty()) {
          nominated.put(key, new Nominated(pod, node)); // e.g. by a scheduler that lost its lease
        }
      }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      String key = SchedulingQueue.key(pod);
      queue.remove(key);
      nominated.remove(key);
      cache.removePod(key);
      queue.moveAllToActive();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> handler) {
    return (ResourceEventHandler<T>) handler;
  }

  /** Gives unschedulable pods another try when an object they may be waiting for changes. */
  private final class RetryOnChange implements ResourceEventHandler<Object> {
    @Override
    public void onAdd(Object o) {
      queue.moveAllToActive();
    }

    @Override
    public void onUpdate(Object old, Object o) {
      queue.moveAllToActive();
    }

    @Override
    public void onDelete(Object o, boolean finalStateUnknown) {
      queue.moveAllToActive();
    }
  }

  private final class NodeHandler implements ResourceEventHandler<Node> {
    @Override
    public void onAdd(Node node) {
      cache.putNode(node);
      queue.moveAllToActive();
    }

    @Override
    public void onUpdate(Node old, Node node) {
      cache.putNode(node);
      queue.moveAllToActive();
    }

    @Override
    public void onDelete(Node node, boolean finalStateUnknown) {
      cache.removeNode(node.getMetadata().getName());
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    informers.forEach(SharedIndexInformer::close);
    binders.shutdownNow();
    events.close(); // pending events are best effort
    informers.clear();
    if (worker != null) {
      worker.interrupt();
    }
  }
}
