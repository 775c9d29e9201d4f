package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.nauta.simulator.NodeTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deployments on a real server with simulated nodes, driven by kubectl: a 30-replica rolling update
 * with maxUnavailable=0 never has fewer than 30 available pods; rollout status, history and undo
 * work as in Kubernetes; Recreate replaces all pods at once.
 */
class DeploymentIT extends ServerProcessTest {
  @BeforeAll
  void startNodes() throws Exception {
    simulateNodes(new NodeTemplate("dep-node-", "16", "64Gi", "110", Map.of(), List.of()), 3);
  }

  private void deployment(String name, String image, int replicas, String strategy)
      throws Exception {
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s}
        spec:
          replicas: %d
          strategy: %s
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: web, image: "%s"}]}
        """
            .formatted(name, replicas, strategy, name, name, image),
        "apply",
        "-f",
        "-");
  }

  private String image(String deployment) throws Exception {
    return ok(
            "get", "deploy", deployment, "-o", "jsonpath={.spec.template.spec.containers[0].image}")
        .out();
  }

  @Test
  void rollsOutWithoutDroppingBelowTheReplicasAndRollsBack() throws Exception {
    deployment(
        "web",
        "nginx:1.27",
        30,
        "{type: RollingUpdate, rollingUpdate: {maxSurge: 3, maxUnavailable: 0}}");
    ok("rollout", "status", "deploy/web", "--timeout=90s");
    assertThat(ok("get", "deploy", "web").out()).containsPattern("web\\s+30/30\\s+30\\s+30");

    AtomicInteger minAvailable = new AtomicInteger(Integer.MAX_VALUE);
    try (Watch w =
        client()
            .apps()
            .deployments()
            .inNamespace("default")
            .withName("web")
            .watch(
                new Watcher<Deployment>() {
                  @Override
                  public void eventReceived(Action action, Deployment d) {
                    Integer a = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
                    minAvailable.accumulateAndGet(a == null ? 0 : a, Math::min);
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      ok("set", "image", "deploy/web", "web=nginx:1.28");
      Kubectl.Result status = ok("rollout", "status", "deploy/web", "--timeout=120s");
      assertThat(status.out()).contains("successfully rolled out");
    }
    assertThat(minAvailable.get()).isGreaterThanOrEqualTo(30);
    assertThat(
            ok(
                    "get",
                    "pods",
                    "-l",
                    "app=web",
                    "-o",
                    "jsonpath={.items[*].spec.containers[0].image}")
                .out())
        .doesNotContain("nginx:1.27");
    assertThat(ok("describe", "deploy", "web").out())
        .contains("ScalingReplicaSet", "deployment-controller", "Scaled up replica set web-");

    assertThat(ok("rollout", "history", "deploy/web").out()).containsPattern("(?s)1\\s.*2\\s");
    ok("rollout", "undo", "deploy/web");
    ok("rollout", "status", "deploy/web", "--timeout=120s");
    assertThat(image("web")).isEqualTo("nginx:1.27");
    // the first ReplicaSet came back as revision 3: still two sets
    assertThat(ok("get", "rs", "-l", "app=web", "-o", "name").out().trim().split("\n")).hasSize(2);
    assertThat(ok("rollout", "history", "deploy/web").out()).containsPattern("(?s)2\\s.*3\\s");
  }

  @Test
  void recreateStopsAllOldPodsBeforeStartingNewOnes() throws Exception {
    deployment("batch", "busybox:1", 4, "{type: Recreate}");
    ok("rollout", "status", "deploy/batch", "--timeout=60s");
    ok("set", "image", "deploy/batch", "web=busybox:2");
    ok("rollout", "status", "deploy/batch", "--timeout=60s");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        ok(
                                "get",
                                "pods",
                                "-l",
                                "app=batch",
                                "-o",
                                "jsonpath={.items[*].spec.containers[0].image}")
                            .out()
                            .split(" "))
                    .hasSize(4)
                    .containsOnly("busybox:2"));
  }

  /** The sizes of the deployment's ReplicaSets, newest template first: "new old". */
  private String sizes(String app) throws Exception {
    return ok(
            "get",
            "rs",
            "-l",
            "app=" + app,
            "--sort-by=.metadata.creationTimestamp",
            "-o",
            "jsonpath={range .items[*]}{.spec.replicas} {end}")
        .out()
        .trim();
  }

  @Test
  void resizingMidRolloutSharesTheChangeInProportion() throws Exception {
    deployment(
        "shop",
        "shop:1",
        10,
        "{type: RollingUpdate, rollingUpdate: {maxSurge: 3, maxUnavailable: 2}}");
    ok("rollout", "status", "deploy/shop", "--timeout=60s");
    // a template whose pods can never be scheduled: the rollout stops at 8 old + 5 new
    ok(
        "patch",
        "deploy",
        "shop",
        "--type=merge",
        "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"pool\":\"none\"}}}}}");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(sizes("shop")).isEqualTo("8 5"));

    // Kubernetes' documented example: 5 more replicas go 3 to the old set, 2 to the new one
    ok("scale", "deploy", "shop", "--replicas=15");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(sizes("shop")).isEqualTo("11 7"));
    // shrinking shares the cut too (to 5 old + 3 new), then the stuck rollout goes on as far as
    // maxUnavailable lets it: 3 old pods stay available, 5 new ones wait
    ok("scale", "deploy", "shop", "--replicas=5");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(sizes("shop")).isEqualTo("3 5"));
    // the Deployment's status follows its ReplicaSets' (which follow their pods) a moment later
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "deploy", "shop").out())
                    .containsPattern("shop\\s+3/5\\s+5\\s+3"));
  }
}
