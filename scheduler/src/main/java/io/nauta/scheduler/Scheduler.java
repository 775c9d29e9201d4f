package io.nauta.scheduler;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nauta.scheduler.framework.FitError;
import io.nauta.scheduler.framework.Framework;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  /** Binding cycles run here, so the next pod's scheduling cycle need not wait for the API. */
  private final java.util.concurrent.ExecutorService binders =
      java.util.concurrent.Executors.newFixedThreadPool(
          32, Thread.ofPlatform().name("scheduler-bind-", 0).daemon().factory());

  /** Events are best effort and must not hold up binding. */
  private final java.util.concurrent.ExecutorService recorder =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("scheduler-events").daemon().factory());

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
  }

  /** Starts the informers and the worker; returns once both caches have synced. */
  public synchronized void start() {
    running = true;
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
    switch (framework.schedule(pod, cache.snapshot())) {
      case Framework.Result.Selected s -> bind(q, s.node());
      case Framework.Result.Unschedulable u -> {
        recordUnschedulable(pod, u.error());
        queue.unschedulable(q);
      }
    }
  }

  private void bind(SchedulingQueue.QueuedPod q, String node) {
    Pod pod = q.pod();
    cache.assume(pod, node);
    binders.execute(() -> bindAssumed(q, pod, node));
  }

  private void bindAssumed(SchedulingQueue.QueuedPod q, Pod pod, String node) {
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
      queue.done(q);
      event(pod, "Normal", "Scheduled", "Successfully assigned " + q.key() + " to " + node);
    } catch (KubernetesClientException e) {
      cache.forget(pod);
      if (e.getCode() == 404 || e.getCode() == 409) {
        queue.done(q); // gone, or bound by someone else: the informer will tell
      } else {
        LOG.info("binding {} to {} failed: {}", q.key(), node, e.getMessage());
        queue.backoff(q);
      }
    }
  }

  private void recordUnschedulable(Pod pod, FitError error) {
    String message = error.message();
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .editStatus(
              p -> {
                PodCondition c =
                    new PodConditionBuilder()
                        .withType("PodScheduled")
                        .withStatus("False")
                        .withReason("Unschedulable")
                        .withMessage(message)
                        .withLastTransitionTime(
                            RFC3339.format(
                                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                        .build();
                List<PodCondition> conditions = new ArrayList<>(p.getStatus().getConditions());
                conditions.removeIf(x -> "PodScheduled".equals(x.getType()));
                conditions.add(c);
                p.getStatus().setConditions(conditions);
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

  private void event(Pod pod, String type, String reason, String message) {
    recorder.execute(() -> recordEvent(pod, type, reason, message));
  }

  private void recordEvent(Pod pod, String type, String reason, String message) {
    String now = RFC3339.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    try {
      client
          .v1()
          .events()
          .inNamespace(pod.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(
                      pod.getMetadata().getName()
                          + "."
                          + UUID.randomUUID().toString().substring(0, 8))
                  .withNamespace(pod.getMetadata().getNamespace())
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion("v1")
                  .withKind("Pod")
                  .withName(pod.getMetadata().getName())
                  .withNamespace(pod.getMetadata().getNamespace())
                  .withUid(pod.getMetadata().getUid())
                  .endInvolvedObject()
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withCount(1)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withNewSource()
                  .withComponent(profileOf(pod))
                  .endSource()
                  .withReportingComponent(profileOf(pod))
                  .build())
          .create();
    } catch (RuntimeException e) { // includes a client closed while stopping
      LOG.debug(
          "could not record event {} for {}: {}", reason, SchedulingQueue.key(pod), e.getMessage());
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
        if (finished(pod)) {
          cache.removePod(key);
          queue.moveAllToActive();
        } else {
          cache.putPod(pod);
        }
      } else if (mine(pod) && pod.getMetadata().getDeletionTimestamp() == null) {
        queue.add(pod);
      }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      String key = SchedulingQueue.key(pod);
      queue.remove(key);
      cache.removePod(key);
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
    recorder.shutdownNow(); // pending events are best effort
    informers.clear();
    if (worker != null) {
      worker.interrupt();
    }
  }
}
