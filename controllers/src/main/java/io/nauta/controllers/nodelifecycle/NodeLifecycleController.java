package io.nauta.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nauta.client.events.EventRecorder;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches node heartbeats (the node's Lease in {@code kube-node-lease} and its Ready condition's
 * heartbeat). A node not heard from for {@link Config#gracePeriod} is marked Ready=Unknown (with
 * its other conditions) and its pods not ready; every node gets the taints its conditions call for
 * ({@link ConditionTaints}). Silence is judged by this process's clock from when it last saw the
 * heartbeat change, so clock skew between machines does not matter, and a newly leading instance
 * gives every node a full grace period.
 */
public final class NodeLifecycleController extends Controller {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(NodeLifecycleController.class);
  static final String LEASE_NAMESPACE = "kube-node-lease";

  /**
   * @param gracePeriod how long a node may be silent before it is Unknown (Kubernetes: 40 s)
   * @param monitorPeriod how often every node is checked (Kubernetes: 5 s)
   */
  public record Config(Duration gracePeriod, Duration monitorPeriod) {
    public static final Config DEFAULTS = new Config(Duration.ofSeconds(40), Duration.ofSeconds(5));
  }

  /** The heartbeat last seen for a node and when this process saw it change. */
  private record Heartbeat(String beat, Instant seenAt) {}

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Clock clock;
  private final Config config;
  private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();

  public NodeLifecycleController(
      KubernetesClient client,
      Informers informers,
      EventRecorder events,
      Clock clock,
      Config config) {
    super("nodelifecycle", 2);
    this.client = client;
    this.informers = informers;
    this.events = events.as("node-controller");
    this.clock = clock;
    this.config = config;
    informers.of(Node.class).addEventHandler(new NodeHandler());
    informers.of(Lease.class);
    informers.of(Pod.class);
  }

  @Override
  public void setActive(boolean active) {
    if (active) {
      heartbeats.clear(); // a new leader judges silence from now on
    }
    super.setActive(active);
  }

  @Override
  protected void sync(String name) {
    Node node = informers.get(Node.class, name);
    if (node == null) {
      heartbeats.remove(name);
      return;
    }
    Instant now = clock.instant();
    Heartbeat seen =
        heartbeats.compute(
            name,
            (k, old) -> {
              String beat = beat(node);
              return old == null || !old.beat().equals(beat) ? new Heartbeat(beat, now) : old;
            });
    if (now.isAfter(seen.seenAt().plus(config.gracePeriod()))
        && !"Unknown".equals(ConditionTaints.status(node, "Ready"))) {
      markUnknown(node, now);
      return; // the status change comes back through the informer; taints follow then
    }
    List<Taint> taints = ConditionTaints.desired(node, now);
    List<Taint> current = node.getSpec() == null ? List.of() : node.getSpec().getTaints();
    if (!taints.equals(current)) {
      patchTaints(node, taints);
    }
    queue.addAfter(name, config.monitorPeriod());
  }

  /** What changes when the node's agent is alive: its Lease renewal, its Ready heartbeat. */
  private String beat(Node node) {
    Lease lease = informers.get(Lease.class, LEASE_NAMESPACE + "/" + node.getMetadata().getName());
    String renew =
        lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null
            ? ""
            : lease.getSpec().getRenewTime().toString();
    NodeCondition ready = ConditionTaints.condition(node, "Ready");
    return renew + "|" + (ready == null ? "" : ready.getLastHeartbeatTime());
  }

  /** Ready, MemoryPressure, DiskPressure and PIDPressure become Unknown, as Kubernetes does. */
  private void markUnknown(Node node, Instant now) {
    String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
    List<NodeCondition> conditions = new ArrayList<>();
    List<String> types = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
    for (NodeCondition c :
        node.getStatus() == null ? List.<NodeCondition>of() : node.getStatus().getConditions()) {
      if (!types.contains(c.getType())) {
        conditions.add(c);
      }
    }
    for (String type : types) {
      NodeCondition old = ConditionTaints.condition(node, type);
      NodeConditionBuilder c = new NodeConditionBuilder().withType(type).withStatus("Unknown");
      if (old == null) {
        c.withReason("NodeStatusNeverUpdated")
            .withMessage("Kubelet never posted node status.")
            .withLastHeartbeatTime(at)
            .withLastTransitionTime(at);
      } else {
        c.withReason("NodeStatusUnknown")
            .withMessage("Kubelet stopped posting node status.")
            .withLastHeartbeatTime(old.getLastHeartbeatTime())
            .withLastTransitionTime(
                "Unknown".equals(old.getStatus()) ? old.getLastTransitionTime() : at);
      }
      conditions.add(c.build());
    }
    Node next =
        new NodeBuilder(node).editOrNewStatus().withConditions(conditions).endStatus().build();
    client.nodes().resource(next).patchStatus();
    String name = node.getMetadata().getName();
    LOG.info("node {} stopped posting status; marked Ready=Unknown", name);
    events.normal(node, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
    markPodsNotReady(name, at);
  }

  /** The node's pods cannot be reached either: they leave Services' endpoints. */
  private void markPodsNotReady(String node, String at) {
    for (Pod p : informers.podsOn(node)) {
      if (!Pods.ready(p) || !Pods.active(p)) {
        continue;
      }
      List<PodCondition> conditions = new ArrayList<>();
      for (PodCondition c : p.getStatus().getConditions()) {
        conditions.add(
            "Ready".equals(c.getType())
                ? new io.fabric8.kubernetes.api.model.PodConditionBuilder(c)
                    .withStatus("False")
                    .withLastTransitionTime(at)
                    .build()
                : c);
      }
      Pod next = new PodBuilder(p).editStatus().withConditions(conditions).endStatus().build();
      next.getMetadata().setResourceVersion(null); // whatever changed meanwhile, it is not ready
      try {
        client.pods().inNamespace(p.getMetadata().getNamespace()).resource(next).patchStatus();
      } catch (KubernetesClientException e) {
        LOG.debug("pod {} not marked not ready: {}", p.getMetadata().getName(), e.getMessage());
      }
    }
  }

  private void patchTaints(Node node, List<Taint> taints) {
    Map<String, Object> patch =
        Map.of(
            "metadata",
            Map.of("resourceVersion", node.getMetadata().getResourceVersion()),
            "spec",
            Map.of("taints", taints));
    client
        .nodes()
        .withName(node.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  private final class NodeHandler implements ResourceEventHandler<Node> {
    @Override
    public void onAdd(Node n) {
      enqueue(n);
    }

    @Override
    public void onUpdate(Node old, Node n) {
      if (!Objects.equals(
          old.getMetadata().getResourceVersion(), n.getMetadata().getResourceVersion())) {
        enqueue(n);
      }
    }

    @Override
    public void onDelete(Node n, boolean unknown) {
      enqueue(n);
    }
  }
}
