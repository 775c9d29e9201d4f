package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.node.storage.LocalPathDirectories;
import io.nauta.node.storage.LocalPathStorage;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-node volume limits on a real server, driven by kubectl: the agent's local-path storage (run
 * in the test against the server, as an agent runs it with {@code --max-local-path-volumes 1})
 * registers the node's CSINode, and the scheduler keeps a pod whose claim would exceed it Pending
 * until a volume on the node is freed.
 */
class VolumeLimitsIT extends ServerProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private LocalPathStorage agentStorage;

  @Override
  protected String[] serverArgs() {
    return new String[] {STATIC_NODES};
  }

  @BeforeAll
  void nodes() throws Exception {
    String now =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    registerNode("node-a", "4", "8Gi", "{\"kubernetes.io/hostname\":\"node-a\"}", "[]");
    ok(
        "patch",
        "node",
        "node-a",
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"Test\","
            + "\"lastHeartbeatTime\":\"%s\",\"lastTransitionTime\":\"%s\"}]}}".formatted(now, now));
    agentStorage =
        new LocalPathStorage(
            client(),
            "node-a",
            new LocalPathDirectories(dir.resolve("node-a-storage"), "node-a"),
            1);
  }

  @AfterAll
  void stopAgentStorage() {
    if (agentStorage != null) {
      agentStorage.close();
    }
  }

  private String jsonpath(String kind, String name, String path) throws Exception {
    return ok("get", kind, name, "-o", "jsonpath=" + path).out().trim();
  }

  private void podWithClaim(String name) throws Exception {
    ok(
        "apply",
        "-f",
        file(
                name + ".yaml",
                """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: %s-data}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  containers: [{name: c, image: busybox}]
                  volumes: [{name: data, persistentVolumeClaim: {claimName: %s-data}}]
                """
                    .formatted(name, name, name))
            .toString());
  }

  @Test
  void theAgentRegistersTheNodesCSINodeWithItsLimit() throws Exception {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("get", "csinode").out())
                    .containsPattern("NAME\\s+DRIVERS\\s+AGE")
                    .containsPattern("node-a\\s+1\\s+\\d+s"));
    assertThat(jsonpath("csinode", "node-a", "{.spec.drivers[0].name}"))
        .isEqualTo("local-path.nauta.io");
    assertThat(jsonpath("csinode", "node-a", "{.spec.drivers[0].nodeID}")).isEqualTo("node-a");
    assertThat(jsonpath("csinode", "node-a", "{.spec.drivers[0].allocatable.count}"))
        .isEqualTo("1");
    assertThat(jsonpath("csinode", "node-a", "{.metadata.ownerReferences[0].kind}"))
        .isEqualTo("Node");
    assertThat(jsonpath("csinode", "node-a", "{.metadata.ownerReferences[0].uid}"))
        .isEqualTo(jsonpath("node", "node-a", "{.metadata.uid}"));
    // a driver entry, once registered, is immutable
    Kubectl.Result changed =
        nauta.kubectl(
            "patch",
            "csinode",
            "node-a",
            "--type=json",
            "-p",
            "[{\"op\":\"replace\",\"path\":\"/spec/drivers/0/allocatable/count\",\"value\":5}]");
    assertThat(changed.code()).isNotZero();
    assertThat(changed.all()).contains("CSINodeDriver: Invalid value:", "field is immutable");
  }

  @Test
  void kubectlCreatesCSINodesAndTheServerValidatesThem() throws Exception {
    ok(
        "apply",
        "-f",
        file(
                "csinode-z.yaml",
                """
                apiVersion: storage.k8s.io/v1
                kind: CSINode
                metadata: {name: node-z}
                spec:
                  drivers:
                  - {name: ebs.csi.aws.com, nodeID: i-0abc, allocatable: {count: 25},
                     topologyKeys: [topology.ebs.csi.aws.com/zone]}
                  - {name: hostpath.csi.k8s.io, nodeID: node-z}
                """)
            .toString());
    assertThat(ok("get", "csinode", "node-z").out()).containsPattern("node-z\\s+2\\s+\\d+s");
    // served like Kubernetes': cluster-scoped, no short name, with its schema
    assertThat(ok("api-resources", "--api-group=storage.k8s.io").out())
        .containsPattern("\n(csinodes)\\s+storage.k8s.io/v1\\s+false\\s+CSINode");
    assertThat(ok("explain", "csinode.spec.drivers.allocatable").out()).contains("count");
    Kubectl.Result bad =
        nauta.kubectl(
            "create",
            "-f",
            file(
                    "csinode-bad.yaml",
                    """
                    apiVersion: storage.k8s.io/v1
                    kind: CSINode
                    metadata: {name: node-y}
                    spec:
                      drivers:
                      - {name: nauta.io/local-path, nodeID: node-y, allocatable: {count: -1}}
                      - {name: x.example.com, nodeID: ""}
                      - {name: x.example.com, nodeID: node-y}
                    """)
                .toString());
    assertThat(bad.code()).isNotZero();
    assertThat(bad.all())
        .contains("The CSINode \"node-y\" is invalid")
        .contains("spec.drivers[0].name: Invalid value: \"nauta.io/local-path\"")
        .contains("spec.drivers[0].allocatable.count: Invalid value:")
        .contains("spec.drivers[1].nodeID: Required value")
        .contains("spec.drivers[2].name: Duplicate value: \"x.example.com\"");
  }

  @Test
  void aPodWhoseClaimWouldExceedTheNodesLimitWaitsUntilAVolumeIsFreed() throws Exception {
    await().atMost(WAIT).until(() -> nauta.kubectl("get", "csinode", "node-a").code() == 0);
    podWithClaim("first");
    await().atMost(WAIT).until(() -> nodeOf("first").equals("node-a"));
    assertThat(jsonpath("pvc", "first-data", "{.status.phase}")).isEqualTo("Bound");

    podWithClaim("second");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        jsonpath(
                            "pod",
                            "second",
                            "{.status.conditions[?(@.type==\"PodScheduled\")].message}"))
                    .contains("0/1 nodes are available: 1 node(s) exceed max volume count."));
    assertThat(
            jsonpath("pod", "second", "{.status.conditions[?(@.type==\"PodScheduled\")].reason}"))
        .isEqualTo("Unschedulable");
    assertThat(ok("describe", "pod", "second").out())
        .contains("FailedScheduling", "1 node(s) exceed max volume count");
    assertThat(nodeOf("second")).isEmpty();
    assertThat(jsonpath("pvc", "second-data", "{.status.phase}")).isEqualTo("Pending");

    // a pod reusing the claim already on the node needs no new volume
    ok(
        "apply",
        "-f",
        file(
                "sharer.yaml",
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: sharer}
                spec:
                  containers: [{name: c, image: busybox}]
                  volumes: [{name: data, persistentVolumeClaim: {claimName: first-data}}]
                """)
            .toString());
    await().atMost(WAIT).until(() -> nodeOf("sharer").equals("node-a"));

    ok("delete", "pod", "first", "sharer", "--grace-period=0", "--force");
    await().atMost(WAIT).until(() -> nodeOf("second").equals("node-a"));
    assertThat(jsonpath("pvc", "second-data", "{.status.phase}")).isEqualTo("Bound");
  }
}
