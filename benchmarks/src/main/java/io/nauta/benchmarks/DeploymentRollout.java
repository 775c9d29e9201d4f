package io.nauta.benchmarks;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nauta.simulator.NodeSimulator;
import io.nauta.simulator.NodeTemplate;
import java.nio.file.Files;
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
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setMaxConcurrentRequests(256);
    config.setMaxConcurrentRequestsPerHost(256);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
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
            "Node death: %d pods of a silent node Running elsewhere %.1f s after its last"
                + " heartbeat (node Ready=Unknown after %.1f s; heartbeats every %d s)%n",
            onVictim, secondsSince(killed), unknown, HEARTBEAT_SECONDS);
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("pods of the dead node not replaced within 10 minutes");
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
