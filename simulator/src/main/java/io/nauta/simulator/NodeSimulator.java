package io.nauta.simulator;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@code count} simulated nodes through the API, renews their Leases in {@code
 * kube-node-lease}, and marks pods bound to them Running and Ready (and deletes them when they are
 * being deleted, as a node agent would). A test and benchmark tool: no container ever runs.
 *
 * <p>Simulation feature: pods annotated {@code simulator.nauta.io/exit-after} (and optionally
 * {@code simulator.nauta.io/exit-code}) finish after running that long, as {@link PodExits}
 * describes, so Jobs can complete on simulated nodes; other pods run until deleted.
 *
 * <p>Resource metrics: the API server (which knows these nodes by their {@code nauta.io/simulated}
 * label, having no agent to ask) gives their running pods usage of half their requests, or what the
 * pods' annotations {@code simulator.nauta.io/cpu-usage} and {@code
 * simulator.nauta.io/memory-usage} say (a quantity per container, read at every scrape), so {@code
 * kubectl top} and autoscalers work in scale tests ({@code
 * io.nauta.apiserver.resourcemetrics.SimulatedUsage}).
 */
public final class NodeSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeSimulator.class);
  private static final String LEASE_NAMESPACE = "kube-node-lease";

  private final KubernetesClient client;
  private final NodeTemplate template;
  private final int count;
  private final Duration heartbeat;
  private final Clock clock;
  private final Set<String> names = ConcurrentHashMap.newKeySet();

  /** Each simulated node of this JVM gets its own /24 of pod addresses in 10.128.0.0/9. */
  private static final java.util.concurrent.atomic.AtomicInteger SLOTS =
      new java.util.concurrent.atomic.AtomicInteger();

  private final java.util.Map<String, Integer> slots = new ConcurrentHashMap<>();
  private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> nextIp =
      new ConcurrentHashMap<>();
  private final ExecutorService workers = Executors.newFixedThreadPool(16);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private SharedIndexInformer<Pod> pods;
  private PodExits exits;
  private boolean reportPods = true;

  public NodeSimulator(
      KubernetesClient client, NodeTemplate template, int count, Duration heartbeat, Clock clock) {
    this.client = client;
    this.template = template;
    this.count = count;
    this.heartbeat = heartbeat;
    this.clock = clock;
  }

  /**
   * Leaves pods bound to the nodes as they are (Pending) instead of reporting them Running, so a
   * scheduling benchmark measures scheduling alone. Call before {@link #start}.
   */
  public NodeSimulator withoutPodReports() {
    reportPods = false;
    return this;
  }

  /** Registers the nodes (existing ones are taken over) and starts heartbeats and pod updates. */
  public void start() throws Exception {
    List<Future<?>> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      created.add(workers.submit(() -> register(n)));
    }
    for (Future<?> f : created) {
      f.get();
    }
    if (reportPods) {
      exits = new PodExits(client, clock, key -> pods.getIndexer().getByKey(key));
      pods = client.pods().inAnyNamespace().inform(new PodHandler());
    }
    long every = heartbeat.toMillis();
    timer.scheduleAtFixedRate(this::renewAll, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Simulates the death of node {@code name}: its Lease is no longer renewed and its pods are left
   * as they are (not reported, not finished deleting), as when a machine loses power.
   */
  public void kill(String name) {
    names.remove(name);
  }

  /** The simulated nodes' names. */
  public Set<String> names() {
    return Set.copyOf(names);
  }

  private void register(int i) {
    String name = template.name(i);
    int slot = slots.computeIfAbsent(name, n -> SLOTS.getAndIncrement());
    try {
      // its own pod CIDR, outside the cluster CIDR, where its pods' fake addresses come from: node
      // IPAM leaves nodes that have one alone
      var node = template.node(i);
      String cidr = subnet(slot) + "0/24";
      node.getSpec().setPodCIDR(cidr);
      node.getSpec().setPodCIDRs(List.of(cidr));
      client.nodes().resource(node).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    String now = now();
    client
        .nodes()
        .withName(name)
        .editStatus(
            n -> {
              if (n.getStatus() == null) {
                n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
              }
              n.getStatus().setCapacity(template.resources());
              n.getStatus().setAllocatable(template.resources());
              n.getStatus().setConditions(List.of(NodeTemplate.ready(now)));
              return n;
            });
    names.add(name);
    renew(name);
  }

  private void renewAll() {
    for (String name : names) {
      workers.execute(() -> renew(name));
    }
  }

  private void renew(String name) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    var lease =
        new LeaseBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(LEASE_NAMESPACE)
            .endMetadata()
            .withNewSpec()
            .withHolderIdentity(name)
            .withLeaseDurationSeconds(40)
            .withRenewTime(java.time.ZonedDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
            .endSpec()
            .build();
    try {
      // a renewal is one small merge patch, as cheap as a kubelet's; the first one creates it
      String renewTime =
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
              .format(java.time.ZonedDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
      client
          .leases()
          .inNamespace(LEASE_NAMESPACE)
          .withName(name)
          .patch(
              io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                  io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
              "{\"spec\":{\"renewTime\":\"" + renewTime + "\"}}");
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        LOG.debug("lease of {} not renewed: {}", name, e.getMessage());
        return;
      }
      try {
        client.leases().inNamespace(LEASE_NAMESPACE).resource(lease).serverSideApply();
      } catch (KubernetesClientException again) {
        LOG.debug("lease of {} not created: {}", name, again.getMessage());
      }
    }
  }

  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      handle(pod);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
      handle(pod);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {}

    private void handle(Pod pod) {
      String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
      if (node == null || !names.contains(node)) {
        return;
      }
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        workers.execute(() -> forceDelete(pod));
      } else if (PodExits.finished(pod)) {
        return; // its containers exited (a simulation feature): a node leaves it alone
      } else if (!"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
        workers.execute(() -> markRunning(pod));
      } else {
        exits.watch(pod);
      }
    }
  }

  private void markRunning(Pod pod) {
    String now = now();
    Pod p = new io.fabric8.kubernetes.api.model.PodBuilder(pod).build();
    if (p.getStatus() == null) {
      p.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
    }
    p.getStatus().setPhase("Running");
    p.getStatus().setStartTime(now);
    if (p.getStatus().getPodIP() == null) {
      String ip = podIp(p.getSpec().getNodeName());
      p.getStatus().setPodIP(ip);
      p.getStatus().setPodIPs(List.of(new io.fabric8.kubernetes.api.model.PodIP(ip)));
    }
    List<PodCondition> conditions = new ArrayList<>();
    for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
      conditions.add(
          new PodConditionBuilder()
              .withType(type)
              .withStatus("True")
              .withLastTransitionTime(now)
              .build());
    }
    p.getStatus().setConditions(conditions);
    List<ContainerStatus> statuses = new ArrayList<>();
    p.getSpec()
        .getContainers()
        .forEach(
            c ->
                statuses.add(
                    new ContainerStatusBuilder()
                        .withName(c.getName())
                        .withImage(c.getImage())
                        .withImageID("simulated://" + c.getImage())
                        .withReady(true)
                        .withStarted(true)
                        .withRestartCount(0)
                        .withNewState()
                        .withNewRunning(now)
                        .endState()
                        .build()));
    p.getStatus().setContainerStatuses(statuses);
    try {
      // one merge patch of the status, built from the informer's copy (no read first)
      client.pods().inNamespace(p.getMetadata().getNamespace()).resource(p).patchStatus();
    } catch (KubernetesClientException e) {
      LOG.debug("pod {} not marked running: {}", pod.getMetadata().getName(), e.getMessage());
    }
  }

  /** The next address of the node's /24 (addresses are reused after 254 pods). */
  private String podIp(String node) {
    int slot = slots.getOrDefault(node, 0);
    int host =
        nextIp
                    .computeIfAbsent(node, n -> new java.util.concurrent.atomic.AtomicInteger())
                    .getAndIncrement()
                % 254
            + 1;
    return subnet(slot) + host;
  }

  /** The first three octets and a dot of the /24 of slot {@code slot}, in 10.128.0.0/9. */
  private static String subnet(int slot) {
    return "10." + (128 + (slot / 256) % 128) + "." + (slot % 256) + ".";
  }

  private void forceDelete(Pod pod) {
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .withGracePeriod(0)
          .delete();
    } catch (KubernetesClientException e) {
      LOG.debug("pod {} not deleted: {}", pod.getMetadata().getName(), e.getMessage());
    }
  }

  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  /** Stops heartbeats and pod updates; the nodes stay registered (and go stale). */
  @Override
  public void close() {
    timer.shutdownNow();
    if (pods != null) {
      pods.close();
      exits.close();
    }
    workers.shutdownNow();
  }

  /** Deletes the simulated nodes. */
  public void deleteNodes() {
    for (String name : names) {
      try {
        client.nodes().withName(name).delete();
      } catch (KubernetesClientException e) {
        LOG.debug("node {} not deleted: {}", name, e.getMessage());
      }
    }
  }
}
