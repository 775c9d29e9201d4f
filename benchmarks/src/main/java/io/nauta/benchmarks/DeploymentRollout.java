package io.nauta.benchmarks;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.client.connect.Clients;
import io.nauta.simulator.NodeSimulator;
import io.nauta.simulator.NodeTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The controller manager's figures against a real {@code nauta server} (its own scheduler and
 * controllers) on simulated nodes, which report their pods Running as a kubelet would: the time
 * from creating a Deployment to all its pods available, of a full rolling update, and from a node's
 * death to its pods Running elsewhere.
 *
 * <p>Usage: {@code DeploymentRollout KUBECONFIG NODES REPLICAS}.
 */
public final class DeploymentRollout {
  /** How often simulated nodes renew their Leases (a kubelet's default: 10 s). */
  static final int HEARTBEAT_SECONDS = 10;

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    int nodes = Integer.parseInt(args[1]);
    int replicas = Integer.parseInt(args[2]);
    try (KubernetesClient client = Clients.fromKubeconfig(kubeconfig, null, 256);
        NodeSimulator sim =
            new NodeSimulator(
                client,
                new NodeTemplate("rollout-", "32", "128Gi", "110", Map.of(), List.of()),
                nodes,
                Duration.ofSeconds(HEARTBEAT_SECONDS),
                Clock.systemUTC())) {
      long t0 = System.nanoTime();
      sim.start();
      System.out.printf("%d simulated nodes registered in %.1f s%n", nodes, secondsSince(t0));

      long created = System.nanoTime();
      client
          .apps()
          .deployments()
          .inNamespace("default")
          .resource(deployment(replicas, "v1"))
          .create();
      await(client, d -> available(d) == replicas, Duration.ofMinutes(5));
      double up = secondsSince(created);
      System.out.printf(
          "Deployment of %d replicas: all available in %.1f s (%.0f pods/s)%n",
          replicas, up, replicas / up);
      stages(client);

      long rolling = System.nanoTime();
      client
          .apps()
          .deployments()
          .inNamespace("default")
          .withName("bench")
          .edit(d -> deployment(replicas, "v2"));
      await(
          client,
          d ->
              d.getStatus() != null
                  && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                  && nz(d.getStatus().getUpdatedReplicas()) == replicas
                  && nz(d.getStatus().getReplicas()) == replicas
                  && available(d) == replicas,
          Duration.ofMinutes(5));
      System.out.printf(
          "Rolling update of %d replicas (maxSurge 25%%, maxUnavailable 25%%): %.1f s%n",
          replicas, secondsSince(rolling));
      nodeDeath(client, sim, replicas);
      client.apps().deployments().inNamespace("default").withName("bench").delete();
      sim.deleteNodes();
    }
    System.exit(0);
  }

  /**
   * Stops one node's heartbeats (as if it lost power) and times how long until its pods run
   * elsewhere: the node controller's grace period, the pods' toleration of unreachable nodes (the
   * server's flags set both), then eviction, replacement, scheduling and start.
   */
  private static void nodeDeath(KubernetesClient client, NodeSimulator sim, int replicas)
      throws InterruptedException {
    var pods = client.pods().inNamespace("default").withLabel("app", "bench");
    String victim = pods.list().getItems().get(0).getSpec().getNodeName();
    long onVictim =
        pods.list().getItems().stream()
            .filter(p -> victim.equals(p.getSpec().getNodeName()))
            .count();
    long killed = System.nanoTime();
    sim.kill(victim);
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    double unknown = -1;
    while (System.nanoTime() < deadline) {
      if (unknown < 0) {
        var node = client.nodes().withName(victim).get();
        boolean isUnknown =
            node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "Unknown".equals(c.getStatus()));
        if (isUnknown) {
          unknown = secondsSince(killed);
        }
      }
      long running =
          pods.list().getItems().stream()
              .filter(
                  p ->
                      p.getMetadata().getDeletionTimestamp() == null
                          && !victim.equals(p.getSpec().getNodeName())
                          && "Running".equals(p.getStatus().getPhase()))
              .count();
      if (unknown >= 0 && running == replicas) {
        System.out.printf(
            "Node death: %d pods of a silent node Running elsewhere %.1f s after its heartbeats"
                + " stopped (node Ready=Unknown after %.1f s; its last heartbeat was up to %d s"
                + " earlier)%n",
            onVictim, secondsSince(killed), unknown, HEARTBEAT_SECONDS);
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("pods of the dead node not replaced within 10 minutes");
  }

  /**
   * Where the time went, from the pods' own timestamps (whole seconds): when the last of them was
   * created, scheduled and ready, counted from the first creation.
   */
  private static void stages(KubernetesClient client) {
    var pods = client.pods().inNamespace("default").withLabel("app", "bench").list().getItems();
    java.util.function.Function<String, java.util.OptionalLong> last =
        type ->
            pods.stream()
                .flatMap(p -> p.getStatus().getConditions().stream())
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .mapToLong(c -> java.time.Instant.parse(c.getLastTransitionTime()).getEpochSecond())
                .max();
    long first =
        pods.stream()
            .mapToLong(
                p ->
                    java.time.Instant.parse(p.getMetadata().getCreationTimestamp())
                        .getEpochSecond())
            .min()
            .orElse(0);
    long created =
        pods.stream()
            .mapToLong(
                p ->
                    java.time.Instant.parse(p.getMetadata().getCreationTimestamp())
                        .getEpochSecond())
            .max()
            .orElse(0);
    System.out.printf(
        "  stages (from the first pod's creation): last created +%d s, last scheduled +%d s,"
            + " last ready +%d s%n",
        created - first,
        last.apply("PodScheduled").orElse(first) - first,
        last.apply("Ready").orElse(first) - first);
    StringBuilder line = new StringBuilder("  pods created/scheduled/ready by second:");
    for (long t = 0; t <= created - first + 30; t += 5) {
      long at = first + t;
      long c =
          pods.stream()
              .filter(
                  p ->
                      java.time.Instant.parse(p.getMetadata().getCreationTimestamp())
                              .getEpochSecond()
                          <= at)
              .count();
      line.append(
          String.format(
              " +%d:%d/%d/%d", t, c, count(pods, "PodScheduled", at), count(pods, "Ready", at)));
    }
    System.out.println(line);
  }

  private static long count(List<io.fabric8.kubernetes.api.model.Pod> pods, String type, long at) {
    return pods.stream()
        .filter(
            p ->
                p.getStatus().getConditions().stream()
                    .anyMatch(
                        c ->
                            type.equals(c.getType())
                                && "True".equals(c.getStatus())
                                && java.time.Instant.parse(c.getLastTransitionTime())
                                        .getEpochSecond()
                                    <= at))
        .count();
  }

  private static Deployment deployment(int replicas, String version) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("bench")
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", "bench")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "bench")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("registry.example/bench:" + version)
        .withNewResources()
        .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("10m"))
        .endResources()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static void await(KubernetesClient client, Predicate<Deployment> done, Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      Deployment d = client.apps().deployments().inNamespace("default").withName("bench").get();
      if (d != null && done.test(d)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("not done within " + max);
  }

  private static int available(Deployment d) {
    return d.getStatus() == null ? 0 : nz(d.getStatus().getAvailableReplicas());
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  private static double secondsSince(long t) {
    return (System.nanoTime() - t) / 1e9;
  }
}
