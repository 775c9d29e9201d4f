package io.nauta.node.status;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.nauta.node.machine.Machine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the node and keeps it alive, as a kubelet does: the Node object (created if missing,
 * its machine labels kept), its Lease renewed every {@link #LEASE_RENEW} with a small patch, and
 * its status posted when it changes (readiness, capacity), when the API shows it other than posted
 * (e.g. the node lifecycle controller marked it Unknown after an outage), and at least every {@link
 * #STATUS_REPORT}. Thread-safe; failures are retried on the next tick.
 */
public final class NodeStatusManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeStatusManager.class);
  public static final String LEASE_NAMESPACE = "kube-node-lease";
  public static final Duration LEASE_RENEW = Duration.ofSeconds(10);
  public static final int LEASE_DURATION_SECONDS = 40;
  public static final Duration STATUS_CHECK = Duration.ofSeconds(10);
  public static final Duration STATUS_REPORT = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final Machine machine;
  private final String nodeName;
  private final String nodeIp;
  private final Supplier<String> runtimeVersion;
  private final Supplier<Readiness> readiness;
  private final Clock clock;
  private final int agentPort;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("node-status").daemon().factory());
  private volatile Supplier<List<io.fabric8.kubernetes.api.model.ContainerImage>> images = List::of;
  private volatile Supplier<Pressure> pressure = () -> Pressure.NONE;
  private volatile String podCidr;
  private volatile NodeStatus posted;
  private volatile Instant postedAt = Instant.EPOCH;

  public NodeStatusManager(
      KubernetesClient client,
      Machine machine,
      String nodeName,
      String nodeIp,
      Supplier<String> runtimeVersion,
      Supplier<Readiness> readiness,
      Clock clock) {
    this(
        client,
        machine,
        nodeName,
        nodeIp,
        NodeAgentVersion.AGENT_PORT,
        runtimeVersion,
        readiness,
        clock);
  }

  /**
   * @param agentPort the port of the agent's API, reported as the node's kubelet endpoint
   */
  public NodeStatusManager(
      KubernetesClient client,
      Machine machine,
      String nodeName,
      String nodeIp,
      int agentPort,
      Supplier<String> runtimeVersion,
      Supplier<Readiness> readiness,
      Clock clock) {
    this.agentPort = agentPort;
    this.client = client;
    this.machine = machine;
    this.nodeName = nodeName;
    this.nodeIp = nodeIp;
    this.runtimeVersion = runtimeVersion;
    this.readiness = readiness;
    this.clock = clock;
  }

  /** Reports these images in the node's status (see {@link NodeImages}); none by default. */
  public NodeStatusManager withImages(
      Supplier<List<io.fabric8.kubernetes.api.model.ContainerImage>> images) {
    this.images = images;
    return this;
  }

  /**
   * Registers the node with this pod CIDR ({@code spec.podCIDR}; set on an existing node that has
   * none), instead of waiting for node IPAM; null: none. Call before {@link #start}.
   */
  public NodeStatusManager withPodCidr(String podCidr) {
    this.podCidr = podCidr;
    return this;
  }

  /** Reports the machine's pressure (see {@link Pressure}); none by default. */
  public NodeStatusManager withPressure(Supplier<Pressure> pressure) {
    this.pressure = pressure;
    return this;
  }

  /** Registers the node, posts its status and renews its lease once, then keeps doing so. */
  public void start() {
    register();
    syncStatus();
    renewLease();
    timer.scheduleWithFixedDelay(
        this::renewLease, LEASE_RENEW.toMillis(), LEASE_RENEW.toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(
        this::syncStatus, STATUS_CHECK.toMillis(), STATUS_CHECK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Posts the status now if it changed (e.g. the runtime came up). */
  public void statusChanged() {
    timer.execute(this::syncStatus);
  }

  private void register() {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(nodeName)
            .withLabels(machine.labels(nodeName))
            .endMetadata()
            .build();
    String cidr = podCidr;
    if (cidr != null) {
      node.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
      node.getSpec().setPodCIDR(cidr);
      node.getSpec().setPodCIDRs(List.of(cidr));
    }
    try {
      client.nodes().resource(node).create();
      LOG.info("registered node {}", nodeName);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // registered before (an agent restart): keep what others set, refresh our labels
      client
          .nodes()
          .withName(nodeName)
          .edit(
              n -> {
                n.getMetadata().getLabels().putAll(machine.labels(nodeName));
                if (cidr != null && n.getSpec() == null) {
                  n.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
                }
                if (cidr != null
                    && (n.getSpec().getPodCIDRs() == null || n.getSpec().getPodCIDRs().isEmpty())) {
                  n.getSpec().setPodCIDR(cidr);
                  n.getSpec().setPodCIDRs(List.of(cidr));
                }
                return n;
              });
      LOG.info("node {} was registered before; taking it over", nodeName);
    }
  }

  private void syncStatus() {
    try {
      Instant now = clock.instant();
      Node current = client.nodes().withName(nodeName).get();
      if (current == null) {
        register(); // deleted meanwhile: come back, as a kubelet does
        current = client.nodes().withName(nodeName).get();
      }
      NodeStatus next =
          NodeStatuses.build(
              machine,
              nodeName,
              nodeIp,
              runtimeVersion.get(),
              readiness.get(),
              pressure.get(),
              current.getStatus(),
              now);
      next.setImages(images.get());
      next.getDaemonEndpoints().getKubeletEndpoint().setPort(agentPort);
      boolean due =
          !NodeStatuses.sameIgnoringHeartbeats(posted, next)
              || !NodeStatuses.sameIgnoringHeartbeats(current.getStatus(), next)
              || !now.isBefore(postedAt.plus(STATUS_REPORT));
      if (!due) {
        return;
      }
      Node withStatus = new NodeBuilder(current).withStatus(next).build();
      withStatus.getMetadata().setResourceVersion(null);
      client.nodes().resource(withStatus).patchStatus();
      posted = next;
      postedAt = now;
      NodeCondition ready =
          next.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().get();
      LOG.debug("posted status of {}: Ready={}", nodeName, ready.getStatus());
    } catch (RuntimeException e) {
      LOG.info("status of node {} not posted, will retry: {}", nodeName, e.getMessage());
    }
  }

  private void renewLease() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String renewTime =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
            .format(ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
    try {
      client
          .leases()
          .inNamespace(LEASE_NAMESPACE)
          .withName(nodeName)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"renewTime\":\"" + renewTime + "\"}}");
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        createLease(now);
      } else {
        LOG.info("lease of node {} not renewed, will retry: {}", nodeName, e.getMessage());
      }
    }
  }

  private void createLease(Instant now) {
    try {
      Node node = client.nodes().withName(nodeName).get();
      var lease =
          new LeaseBuilder()
              .withNewMetadata()
              .withName(nodeName)
              .withNamespace(LEASE_NAMESPACE)
              .addNewOwnerReference()
              .withApiVersion("v1")
              .withKind("Node")
              .withName(nodeName)
              .withUid(node == null ? null : node.getMetadata().getUid())
              .endOwnerReference()
              .endMetadata()
              .withNewSpec()
              .withHolderIdentity(nodeName)
              .withLeaseDurationSeconds(LEASE_DURATION_SECONDS)
              .withRenewTime(ZonedDateTime.ofInstant(now, ZoneOffset.UTC))
              .endSpec()
              .build();
      client.leases().inNamespace(LEASE_NAMESPACE).resource(lease).create();
    } catch (KubernetesClientException e) {
      LOG.info("lease of node {} not created, will retry: {}", nodeName, e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
