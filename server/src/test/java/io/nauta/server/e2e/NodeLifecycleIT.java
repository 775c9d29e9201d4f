package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.simulator.NodeSimulator;
import io.nauta.simulator.NodeTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Node lifecycle on a real server with simulated nodes, driven by kubectl: a node that stops
 * heartbeating becomes NotReady, is tainted unreachable, and its pods are replaced on healthy nodes
 * once their (default, here shortened) toleration runs out; {@code kubectl drain} cordons a node
 * and evicts its pods through the eviction API, which honours PodDisruptionBudgets.
 */
class NodeLifecycleIT extends ServerProcessTest {
  @Override
  protected String[] serverArgs() {
    return new String[] {
      "--node-monitor-grace-period=4s",
      "--node-monitor-period=1s",
      "--default-unreachable-toleration-seconds=2",
      "--default-not-ready-toleration-seconds=2",
      "--terminated-pod-gc-threshold=2",
      "--pod-gc-period=1s"
    };
  }

  private void deployment(String name, int replicas, String pool) throws Exception {
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              nodeSelector: {pool: %s}
              containers: [{name: c, image: busybox}]
        """
            .formatted(name, replicas, name, name, pool),
        "apply",
        "-f",
        "-");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        ok("get", "deploy", name, "-o", "jsonpath={.status.availableReplicas}")
                            .out())
                    .isEqualTo(String.valueOf(replicas)));
  }

  /** The app's pods not being deleted. */
  private List<Pod> live(String app) throws Exception {
    return client().pods().inNamespace("default").withLabel("app", app).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  @Test
  void reschedulesPodsOfADeadNode() throws Exception {
    NodeSimulator sim =
        simulateNodes(
            new NodeTemplate("nl-node-", "8", "16Gi", "110", Map.of("pool", "a"), List.of()),
            3,
            Duration.ofSeconds(1));
    deployment("web", 6, "a");
    String pod = live("web").get(0).getMetadata().getName();
    assertThat(
            ok("get", "pod", pod, "-o", "jsonpath={.spec.tolerations[*].tolerationSeconds}").out())
        .isEqualTo("2 2");
    String victim = nodeOf(pod);
    long onVictim =
        live("web").stream().filter(p -> victim.equals(p.getSpec().getNodeName())).count();

    sim.kill(victim);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(ok("get", "node", victim).out()).containsPattern(victim + "\\s+NotReady");
              assertThat(
                      ok(
                              "get",
                              "node",
                              victim,
                              "-o",
                              "jsonpath={range .spec.taints[*]}{.key}:{.effect} {end}")
                          .out())
                  .contains(
                      "node.kubernetes.io/unreachable:NoExecute",
                      "node.kubernetes.io/unreachable:NoSchedule");
            });
    assertThat(ok("describe", "node", victim).out())
        .contains("NodeStatusUnknown", "Kubelet stopped posting node status.");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<Pod> pods = live("web");
              assertThat(pods).hasSize(6);
              assertThat(pods)
                  .allSatisfy(
                      p -> {
                        assertThat(p.getSpec().getNodeName()).isNotEqualTo(victim);
                        assertThat(p.getStatus().getPhase()).isEqualTo("Running");
                      });
            });
    // the evicted pods say why, and stay Terminating: nobody is left on the node to stop them
    List<Pod> evicted =
        client().pods().inNamespace("default").withLabel("app", "web").list().getItems().stream()
            .filter(p -> victim.equals(p.getSpec().getNodeName()))
            .toList();
    assertThat(evicted).hasSize((int) onVictim);
    assertThat(evicted)
        .allSatisfy(
            p ->
                assertThat(p.getStatus().getConditions())
                    .anySatisfy(
                        c -> {
                          assertThat(c.getType()).isEqualTo("DisruptionTarget");
                          assertThat(c.getReason()).isEqualTo("DeletionByTaintManager");
                        }));
    assertThat(ok("get", "events", "--field-selector", "reason=TaintManagerEviction").out())
        .contains("Marking for deletion Pod default/web-");

    // once the node is deleted, the pod garbage collector finishes its pods
    ok("delete", "node", victim);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        client().pods().inAnyNamespace().list().getItems().stream()
                            .filter(p -> victim.equals(p.getSpec().getNodeName())))
                    .isEmpty());
  }

  @Test
  void keepsOnlyTheNewestFinishedPodsBeyondTheThreshold() throws Exception {
    for (int i = 1; i <= 4; i++) {
      nauta.kubectlWithInput(
          """
          {"apiVersion":"v1","kind":"Pod","metadata":{"name":"done-%d","labels":{"gc":"t"}},
           "spec":{"nodeSelector":{"pool":"none"},"containers":[{"name":"c","image":"busybox"}]}}
          """
              .formatted(i),
          "create",
          "-f",
          "-");
      ok(
          "patch",
          "pod",
          "done-" + i,
          "--subresource=status",
          "--type=merge",
          "-p",
          "{\"status\":{\"phase\":\"Succeeded\"}}");
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        ok("get", "pods", "-l", "gc=t", "-o", "jsonpath={.items[*].metadata.name}")
                            .out())
                    .isEqualTo("done-3 done-4"));
  }

  @Test
  void drainEvictsPodsWithinTheirDisruptionBudget() throws Exception {
    simulateNodes(
        new NodeTemplate("drain-node-", "8", "16Gi", "110", Map.of("pool", "b"), List.of()),
        2,
        Duration.ofSeconds(1));
    deployment("api", 2, "b");
    ok("create", "pdb", "api", "--selector=app=api", "--min-available=1");
    String node = nodeOf(live("api").get(0).getMetadata().getName());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pdb", "api").out())
                    .containsPattern("api\\s+1\\s+N/A\\s+1\\s"));

    Kubectl.Result drained = ok("drain", node, "--ignore-daemonsets", "--timeout=60s");
    assertThat(drained.all()).contains("cordoned", "evicting pod default/api-", node + " drained");
    assertThat(ok("get", "node", node).out()).contains("SchedulingDisabled");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<Pod> pods = live("api");
              assertThat(pods).hasSize(2);
              assertThat(pods).noneMatch(p -> node.equals(p.getSpec().getNodeName()));
              assertThat(ok("get", "deploy", "api").out()).containsPattern("api\\s+2/2");
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        ok(
                                "get",
                                "node",
                                node,
                                "-o",
                                "jsonpath={range .spec.taints[*]}{.key}:{.effect} {end}")
                            .out())
                    .contains("node.kubernetes.io/unschedulable:NoSchedule"));

    // both pods are now on the other node: draining it may evict one, but the budget refuses the
    // second (it would leave none), and drain gives up with the API's reason
    String other = nodeOf(live("api").get(0).getMetadata().getName());
    ok("uncordon", node);
    Kubectl.Result refused = nauta.kubectl("drain", other, "--ignore-daemonsets", "--timeout=4s");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.all())
        .contains("Cannot evict pod as it would violate the pod's disruption budget.");
    assertThat(live("api")).anyMatch(p -> other.equals(p.getSpec().getNodeName()));
  }
}
