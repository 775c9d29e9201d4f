package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.simulator.NodeTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-process controller manager on a real server with simulated nodes, driven by kubectl:
 * ReplicaSet replicas are created, scaled, replaced when deleted, and orphans adopted; namespaces
 * get their default ServiceAccount.
 */
class ReplicaSetIT extends ServerProcessTest {
  @BeforeAll
  void startNodes() throws Exception {
    simulateNodes(new NodeTemplate("rs-node-", "8", "16Gi", "110", Map.of(), List.of()), 3);
  }

  private List<String> podsOf(String app) throws Exception {
    String out =
        ok("get", "pods", "-l", "app=" + app, "-o", "jsonpath={.items[*].metadata.name}").out();
    return out.isBlank() ? List.of() : List.of(out.trim().split(" "));
  }

  @Test
  void keepsReplicasRunningThroughScalingAndDeletion() throws Exception {
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: web}
        spec:
          replicas: 5
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: c, image: busybox}]}
        """,
        "apply",
        "-f",
        "-");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "rs", "web").out()).containsPattern("web\\s+5\\s+5\\s+5\\s"));
    assertThat(podsOf("web")).hasSize(5).allMatch(n -> n.startsWith("web-"));
    assertThat(ok("describe", "rs", "web").out())
        .contains("SuccessfulCreate", "replicaset-controller", "Created pod: web-");

    ok("scale", "rs", "web", "--replicas=2");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(podsOf("web")).hasSize(2));
    assertThat(ok("describe", "rs", "web").out()).contains("SuccessfulDelete", "Deleted pod: web-");

    // self-healing: a deleted pod is replaced
    String victim = podsOf("web").get(0);
    ok("delete", "pod", victim, "--wait=false");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(podsOf("web")).hasSize(2).doesNotContain(victim));

    // an orphan the selector matches is adopted, and the surplus deleted
    nauta.kubectlWithInput(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"stray","labels":{"app":"web"}},
         "spec":{"containers":[{"name":"c","image":"busybox"}]}}
        """,
        "create",
        "-f",
        "-");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(podsOf("web")).hasSize(2);
              assertThat(ok("get", "rs", "web", "-o", "jsonpath={.status.replicas}").out())
                  .isEqualTo("2");
            });
  }

  @Test
  void everyNamespaceGetsADefaultServiceAccount() throws Exception {
    ok("create", "namespace", "team-a");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(ok("get", "serviceaccounts", "-n", "team-a").out()).contains("default"));
    ok("delete", "serviceaccount", "default", "-n", "team-a");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(nauta.kubectl("get", "serviceaccount", "default", "-n", "team-a").code())
                    .isZero());
  }
}
