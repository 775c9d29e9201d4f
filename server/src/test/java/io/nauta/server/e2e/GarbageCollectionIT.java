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
 * Deletion the Kubernetes way on a real server with simulated nodes, driven by kubectl: a
 * ReplicaSet's pods go with it (background and foreground cascading), stay without their owner with
 * {@code --cascade=orphan}, and deleting a namespace deletes what is in it, then the namespace.
 */
class GarbageCollectionIT extends ServerProcessTest {
  @BeforeAll
  void startNodes() throws Exception {
    simulateNodes(new NodeTemplate("gc-node-", "8", "16Gi", "110", Map.of(), List.of()), 2);
  }

  private void replicaSet(String namespace, String name) throws Exception {
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: %s}
        spec:
          replicas: 3
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: c, image: busybox}]}
        """
            .formatted(name, name, name),
        "apply",
        "-n",
        namespace,
        "-f",
        "-");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(pods(namespace, name)).hasSize(3));
  }

  private List<String> pods(String namespace, String app) throws Exception {
    String out =
        ok(
                "get",
                "pods",
                "-n",
                namespace,
                "-l",
                "app=" + app,
                "-o",
                "jsonpath={.items[*].metadata.name}")
            .out();
    return out.isBlank() ? List.of() : List.of(out.trim().split(" "));
  }

  @Test
  void deletingAReplicaSetDeletesItsPods() throws Exception {
    replicaSet("default", "bg");
    ok("delete", "rs", "bg");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(pods("default", "bg")).isEmpty());
  }

  @Test
  void foregroundDeletionWaitsForThePodsThenRemovesTheSet() throws Exception {
    replicaSet("default", "fg");
    // kubectl waits until the set is gone, which the foregroundDeletion finalizer delays until its
    // pods are gone
    ok("delete", "rs", "fg", "--cascade=foreground", "--timeout=60s");
    assertThat(pods("default", "fg")).isEmpty();
    assertThat(nauta.kubectl("get", "rs", "fg").code()).isNotZero();
  }

  @Test
  void orphanDeletionLeavesThePodsWithoutOwner() throws Exception {
    replicaSet("default", "orph");
    List<String> before = pods("default", "orph");
    ok("delete", "rs", "orph", "--cascade=orphan", "--timeout=60s");
    assertThat(nauta.kubectl("get", "rs", "orph").code()).isNotZero();
    assertThat(pods("default", "orph")).containsExactlyInAnyOrderElementsOf(before);
    assertThat(
            ok(
                    "get",
                    "pods",
                    "-l",
                    "app=orph",
                    "-o",
                    "jsonpath={.items[*].metadata.ownerReferences}")
                .out())
        .isBlank();
  }

  @Test
  void deletingANamespaceDeletesEverythingInIt() throws Exception {
    ok("create", "namespace", "doomed");
    replicaSet("doomed", "web");
    ok("create", "configmap", "settings", "-n", "doomed", "--from-literal=a=b");
    ok("delete", "namespace", "doomed", "--timeout=60s");
    assertThat(nauta.kubectl("get", "namespace", "doomed").code()).isNotZero();
    assertThat(ok("get", "pods,configmaps,replicasets", "-A").out()).doesNotContain("doomed");
  }
}
