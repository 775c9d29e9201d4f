package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.node.storage.LocalPathDirectories;
import io.nauta.node.storage.LocalPathStorage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Storage orchestration on a real server, driven by kubectl: the built-in default StorageClass,
 * static binding of claims to volumes, reclaim policies, the protection finalizers, and the
 * local-path provisioner with the agent's directory reconciler (run in the test against the server,
 * as an agent runs it) making and removing the volume's directory.
 */
class StorageIT extends ServerProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private LocalPathStorage agentStorage;
  private Path storageRoot;

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
    storageRoot = dir.resolve("node-a-storage");
    agentStorage =
        new LocalPathStorage(client(), "node-a", new LocalPathDirectories(storageRoot, "node-a"));
  }

  @AfterAll
  void stopAgentStorage() {
    if (agentStorage != null) {
      agentStorage.close();
    }
  }

  private void apply(String name, String yaml) throws Exception {
    ok("apply", "-f", file(name, yaml).toString());
  }

  private static String pv(String name, String size, String policy, String className) {
    return """
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: %s}
        spec:
          capacity: {storage: %s}
          accessModes: [ReadWriteOnce]
          persistentVolumeReclaimPolicy: %s
          storageClassName: "%s"
          hostPath: {path: /tmp/nauta-storage-it/%s}
        """
        .formatted(name, size, policy, className, name);
  }

  private static String pvc(String name, String size, String classLine) {
    return """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: %s}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: %s}}
        %s
        """
        .formatted(name, size, classLine);
  }

  private String jsonpath(String kind, String name, String path) throws Exception {
    return ok("get", kind, name, "-o", "jsonpath=" + path).out().trim();
  }

  private boolean gone(String kind, String name) throws Exception {
    return nauta.kubectl("get", kind, name).code() != 0;
  }

  @Test
  void theServerMakesTheLocalPathClassTheDefault() throws Exception {
    assertThat(ok("get", "sc").out())
        .containsPattern(
            "NAME\\s+PROVISIONER\\s+RECLAIMPOLICY\\s+VOLUMEBINDINGMODE\\s+ALLOWVOLUMEEXPANSION\\s+AGE")
        .containsPattern(
            "local-path \\(default\\)\\s+nauta.io/local-path\\s+Delete\\s+WaitForFirstConsumer\\s+true");
    assertThat(ok("get", "pv,pvc,sc").out())
        .contains("storageclass.storage.k8s.io/local-path (default)");
  }

  @Test
  void bindsTheSmallestFittingVolumeAndRetainsItWhenTheClaimGoes() throws Exception {
    apply(
        "static-pvs.yaml",
        pv("st-1g", "1Gi", "Retain", "manual")
            + "---\n"
            + pv("st-5g", "5Gi", "Retain", "manual")
            + "---\n"
            + pv("st-10g", "10Gi", "Retain", "manual"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(jsonpath("pv", "st-5g", "{.status.phase}")).isEqualTo("Available"));
    assertThat(jsonpath("pv", "st-5g", "{.metadata.finalizers}"))
        .contains("kubernetes.io/pv-protection");
    apply("static-claim.yaml", pvc("static-claim", "3Gi", "  storageClassName: manual"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("get", "pvc", "static-claim").out())
                    .containsPattern("static-claim\\s+Bound\\s+st-5g\\s+5Gi\\s+RWO\\s+manual"));
    assertThat(ok("get", "pv", "st-5g").out())
        .containsPattern(
            "st-5g\\s+5Gi\\s+RWO\\s+Retain\\s+Bound\\s+default/static-claim\\s+manual");
    assertThat(jsonpath("pv", "st-1g", "{.status.phase}")).isEqualTo("Available");
    assertThat(jsonpath("pvc", "static-claim", "{.metadata.annotations}"))
        .contains("pv.kubernetes.io/bind-completed", "pv.kubernetes.io/bound-by-controller");

    ok("delete", "pvc", "static-claim", "--wait=false");
    await().atMost(WAIT).until(() -> gone("pvc", "static-claim"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("get", "pv", "st-5g").out())
                    .containsPattern(
                        "st-5g\\s+5Gi\\s+RWO\\s+Retain\\s+Released\\s+default/static-claim"));
  }

  @Test
  void aStaticVolumeWithDeletePolicyFailsToBeDeleted() throws Exception {
    apply("del-pv.yaml", pv("del-pv", "1Gi", "Delete", "gone"));
    apply("del-claim.yaml", pvc("del-claim", "1Gi", "  storageClassName: gone"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(jsonpath("pvc", "del-claim", "{.status.phase}")).isEqualTo("Bound"));
    ok("delete", "pvc", "del-claim");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("get", "pv", "del-pv").out())
                    .containsPattern(
                        "del-pv\\s+1Gi\\s+RWO\\s+Delete\\s+Failed\\s+default/del-claim\\s+gone"));
    assertThat(jsonpath("pv", "del-pv", "{.status.message}"))
        .contains("no deletable volume plugin matched");
  }

  @Test
  void aClaimOfNoClassWithoutVolumesWaitsPendingWithTheReason() throws Exception {
    apply("none-claim.yaml", pvc("none-claim", "1Gi", "  storageClassName: \"\""));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pvc", "none-claim").out())
                    .contains("FailedBinding")
                    .contains(
                        "no persistent volumes available for this claim and no storage class is set"));
    assertThat(jsonpath("pvc", "none-claim", "{.status.phase}")).isEqualTo("Pending");
    // a volume that fits, created later, is bound
    apply("none-pv.yaml", pv("none-pv", "2Gi", "Retain", ""));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(jsonpath("pvc", "none-claim", "{.spec.volumeName}"))
                    .isEqualTo("none-pv"));
  }

  @Test
  void provisionsALocalPathVolumeOnTheSelectedNodeAndDeletesItWithTheClaim() throws Exception {
    apply("lp-claim.yaml", pvc("lp-claim", "1Gi", ""));
    // the default class, which waits for the claim's first pod
    assertThat(jsonpath("pvc", "lp-claim", "{.spec.storageClassName}")).isEqualTo("local-path");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pvc", "lp-claim").out())
                    .contains("WaitForFirstConsumer")
                    .contains("waiting for first consumer to be created before binding"));
    assertThat(jsonpath("pvc", "lp-claim", "{.status.phase}")).isEqualTo("Pending");
    // the node agent announced where it keeps volumes
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        jsonpath(
                            "node", "node-a", "{.metadata.annotations.nauta\\.io/local-path-dir}"))
                    .isEqualTo(storageRoot.toString()));

    // what the scheduler does once the claim's first pod has a node
    ok("annotate", "pvc", "lp-claim", "volume.kubernetes.io/selected-node=node-a");
    String uid = jsonpath("pvc", "lp-claim", "{.metadata.uid}");
    String volume = "pvc-" + uid;
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("get", "pvc", "lp-claim").out())
                    .containsPattern(
                        "lp-claim\\s+Bound\\s+" + volume + "\\s+1Gi\\s+RWO\\s+local-path"));
    assertThat(ok("get", "pv", volume).out())
        .containsPattern(
            volume + "\\s+1Gi\\s+RWO\\s+Delete\\s+Bound\\s+default/lp-claim\\s+local-path");
    assertThat(jsonpath("pv", volume, "{.spec.hostPath.path}"))
        .isEqualTo(storageRoot.resolve(volume).toString());
    assertThat(
            jsonpath(
                "pv",
                volume,
                "{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}"))
        .isEqualTo("node-a");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pvc", "lp-claim").out())
                    .contains(
                        "ProvisioningSucceeded", "Successfully provisioned volume " + volume));
    await().atMost(WAIT).until(() -> storageRoot.resolve(volume).toFile().isDirectory());
    java.nio.file.Files.writeString(storageRoot.resolve(volume).resolve("data"), "hello");

    // Delete policy: the claim goes, then the volume, once the node removed its directory
    ok("delete", "pvc", "lp-claim");
    await().atMost(WAIT).until(() -> gone("pv", volume));
    assertThat(storageRoot.resolve(volume)).doesNotExist();
  }

  @Test
  void provisionsImmediatelyOnAReadyNodeForAnImmediateClass() throws Exception {
    apply(
        "now-class.yaml",
        """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: local-now}
        provisioner: nauta.io/local-path
        reclaimPolicy: Retain
        """);
    apply("now-claim.yaml", pvc("now-claim", "2Gi", "  storageClassName: local-now"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(jsonpath("pvc", "now-claim", "{.status.phase}")).isEqualTo("Bound"));
    String volume = jsonpath("pvc", "now-claim", "{.spec.volumeName}");
    assertThat(jsonpath("pv", volume, "{.metadata.annotations.nauta\\.io/local-path-node}"))
        .isEqualTo("node-a");
    ok("delete", "pvc", "now-claim");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(jsonpath("pv", volume, "{.status.phase}")).isEqualTo("Released"));
    assertThat(storageRoot.resolve(volume)).isDirectory(); // Retain keeps the data
  }

  @Test
  void protectionFinalizersHoldAClaimInUseAndAVolumeBound() throws Exception {
    apply("prot-pv.yaml", pv("prot-pv", "1Gi", "Retain", "prot"));
    apply("prot-claim.yaml", pvc("prot-claim", "1Gi", "  storageClassName: prot"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(jsonpath("pvc", "prot-claim", "{.status.phase}")).isEqualTo("Bound"));
    assertThat(jsonpath("pvc", "prot-claim", "{.metadata.finalizers}"))
        .contains("kubernetes.io/pvc-protection");
    apply(
        "prot-pod.yaml",
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: prot-pod}
        spec:
          nodeName: node-a
          containers: [{name: c, image: busybox}]
          volumes: [{name: data, persistentVolumeClaim: {claimName: prot-claim}}]
        """);

    // a bound volume stays while bound
    ok("delete", "pv", "prot-pv", "--wait=false");
    // a claim in use stays while its pod does
    ok("delete", "pvc", "prot-claim", "--wait=false");
    assertThat(ok("get", "pvc", "prot-claim").out()).containsPattern("prot-claim\\s+Terminating");
    assertThat(ok("get", "pv", "prot-pv").out()).containsPattern("prot-pv.*Terminating");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !gone("pvc", "prot-claim") && !gone("pv", "prot-pv"));

    ok("delete", "pod", "prot-pod", "--grace-period=0", "--force");
    await().atMost(WAIT).until(() -> gone("pvc", "prot-claim"));
    await().atMost(WAIT).until(() -> gone("pv", "prot-pv"));
  }

  @Test
  void aClaimLosesItsVolumeAndARequestedVolumeMustFit() throws Exception {
    apply("lost-pv.yaml", pv("lost-pv", "1Gi", "Retain", "lost"));
    apply("lost-claim.yaml", pvc("lost-claim", "1Gi", "  storageClassName: lost"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(jsonpath("pvc", "lost-claim", "{.status.phase}")).isEqualTo("Bound"));
    // the volume goes against its protection (an administrator removing the finalizer)
    ok("delete", "pv", "lost-pv", "--wait=false");
    ok("patch", "pv", "lost-pv", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("get", "pvc", "lost-claim").out())
                    .containsPattern("lost-claim\\s+Lost\\s+lost-pv"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pvc", "lost-claim").out())
                    .contains(
                        "ClaimLost",
                        "Bound claim has lost its PersistentVolume. Data on the volume is lost!"));

    apply("small-pv.yaml", pv("small-pv", "1Gi", "Retain", "asked"));
    apply(
        "asking-claim.yaml",
        pvc("asking-claim", "2Gi", "  storageClassName: asked\n  volumeName: small-pv"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pvc", "asking-claim").out())
                    .contains(
                        "VolumeMismatch",
                        "Cannot bind to requested volume \"small-pv\": requested PV is too small"));
    assertThat(jsonpath("pvc", "asking-claim", "{.status.phase}")).isEqualTo("Pending");
    assertThat(jsonpath("pv", "small-pv", "{.status.phase}")).isEqualTo("Available");
  }

  private static String podUsing(String name, String claim) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s}
        spec:
          containers: [{name: c, image: busybox}]
          volumes: [{name: data, persistentVolumeClaim: {claimName: %s}}]
        """
        .formatted(name, claim);
  }

  private String scheduledMessage(String pod) throws Exception {
    return jsonpath("pod", pod, "{.status.conditions[?(@.type==\"PodScheduled\")].message}");
  }

  @Test
  void theSchedulerPicksTheNodeOfAWaitForFirstConsumerClaimAndWaitsForItsVolume() throws Exception {
    apply("first-claim.yaml", pvc("first-claim", "1Gi", ""));
    apply("first-pod.yaml", podUsing("first-pod", "first-claim"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(jsonpath("pod", "first-pod", "{.spec.nodeName}")).isEqualTo("node-a"));
    // bound only after its claim was: the node agent finds the volume when the pod arrives
    assertThat(jsonpath("pvc", "first-claim", "{.status.phase}")).isEqualTo("Bound");
    assertThat(
            jsonpath(
                "pvc",
                "first-claim",
                "{.metadata.annotations.volume\\.kubernetes\\.io/selected-node}"))
        .isEqualTo("node-a");
    String volume = jsonpath("pvc", "first-claim", "{.spec.volumeName}");
    assertThat(storageRoot.resolve(volume)).isDirectory();
    ok("delete", "pod", "first-pod", "--grace-period=0", "--force");
    ok("delete", "pvc", "first-claim");
  }

  @Test
  void aStaticLocalVolumeIsBoundWhenItsNodeIsChosen() throws Exception {
    apply(
        "local-class.yaml",
        """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: local-disks}
        provisioner: kubernetes.io/no-provisioner
        volumeBindingMode: WaitForFirstConsumer
        """);
    for (String node : new String[] {"node-a", "node-z"}) {
      apply(
          "local-" + node + ".yaml",
          """
          apiVersion: v1
          kind: PersistentVolume
          metadata: {name: disk-%s}
          spec:
            capacity: {storage: 5Gi}
            accessModes: [ReadWriteOnce]
            storageClassName: local-disks
            local: {path: /tmp/nauta-storage-it/disk-%s}
            nodeAffinity:
              required:
                nodeSelectorTerms:
                - matchExpressions:
                  - {key: kubernetes.io/hostname, operator: In, values: [%s]}
          """
              .formatted(node, node, node));
    }
    apply("disk-claim.yaml", pvc("disk-claim", "1Gi", "  storageClassName: local-disks"));
    apply("disk-pod.yaml", podUsing("disk-pod", "disk-claim"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(jsonpath("pvc", "disk-claim", "{.spec.volumeName}"))
                    .isEqualTo("disk-node-a"));
    assertThat(jsonpath("pod", "disk-pod", "{.spec.nodeName}")).isEqualTo("node-a");
    assertThat(jsonpath("pv", "disk-node-z", "{.status.phase}")).isEqualTo("Available");

    // a second claim: the only volume on a node that exists is taken
    apply("disk-claim2.yaml", pvc("disk-claim2", "1Gi", "  storageClassName: local-disks"));
    apply("disk-pod2.yaml", podUsing("disk-pod2", "disk-claim2"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(scheduledMessage("disk-pod2"))
                    .startsWith(
                        "0/1 nodes are available: 1 node(s) didn't find available persistent"
                            + " volumes to bind."));
    ok("delete", "pod", "disk-pod", "disk-pod2", "--grace-period=0", "--force");
  }

  @Test
  void aPodWhoseClaimCannotBindStaysPendingWithTheReason() throws Exception {
    apply(
        "manual-class.yaml",
        """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: manual-now}
        provisioner: kubernetes.io/no-provisioner
        volumeBindingMode: Immediate
        """);
    apply("manual-claim.yaml", pvc("manual-claim", "1Gi", "  storageClassName: manual-now"));
    apply("manual-pod.yaml", podUsing("manual-pod", "manual-claim"));
    apply("orphan-pod.yaml", podUsing("orphan-pod", "no-such-claim"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(ok("describe", "pod", "manual-pod").out())
                  .contains("FailedScheduling")
                  .contains(
                      "0/1 nodes are available: pod has unbound immediate"
                          + " PersistentVolumeClaims.");
              assertThat(scheduledMessage("orphan-pod"))
                  .isEqualTo(
                      "0/1 nodes are available: persistentvolumeclaim \"no-such-claim\" not"
                          + " found. preemption: 0/1 nodes are available: 1 Preemption is not"
                          + " helpful for scheduling.");
            });
    assertThat(jsonpath("pod", "manual-pod", "{.spec.nodeName}")).isEmpty();

    // the claim appears: the pod is retried at once and finds its node
    apply("late-claim.yaml", pvc("no-such-claim", "1Gi", ""));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(jsonpath("pod", "orphan-pod", "{.spec.nodeName}")).isEqualTo("node-a"));
    ok("delete", "pod", "manual-pod", "orphan-pod", "--grace-period=0", "--force");
  }

  @Test
  void aLocalPathClaimGrowsAndAClassWithoutExpansionRefuses() throws Exception {
    apply("grow-claim.yaml", pvc("grow-claim", "1Gi", ""));
    apply("grow-pod.yaml", podUsing("grow-pod", "grow-claim"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(jsonpath("pvc", "grow-claim", "{.status.phase}")).isEqualTo("Bound"));
    String volume = jsonpath("pvc", "grow-claim", "{.spec.volumeName}");
    ok(
        "patch",
        "pvc",
        "grow-claim",
        "-p",
        "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"3Gi\"}}}}");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("get", "pvc", "grow-claim").out())
                    .containsPattern("grow-claim\\s+Bound\\s+" + volume + "\\s+3Gi"));
    assertThat(jsonpath("pv", volume, "{.spec.capacity.storage}")).isEqualTo("3Gi");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pvc", "grow-claim").out())
                    .contains("VolumeResizeSuccessful"));
    var smaller =
        nauta.kubectl(
            "patch",
            "pvc",
            "grow-claim",
            "-p",
            "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"2Gi\"}}}}");
    assertThat(smaller.code()).isNotZero();
    assertThat(smaller.err()).contains("field can not be less than previous value");

    // a class that does not allow expansion (local-now, Immediate, from another test or here)
    apply(
        "fixed-class.yaml",
        """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: local-fixed}
        provisioner: nauta.io/local-path
        """);
    apply("fixed-claim.yaml", pvc("fixed-claim", "1Gi", "  storageClassName: local-fixed"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(jsonpath("pvc", "fixed-claim", "{.status.phase}")).isEqualTo("Bound"));
    var refused =
        nauta.kubectl(
            "patch",
            "pvc",
            "fixed-claim",
            "-p",
            "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"2Gi\"}}}}");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err())
        .contains(
            "persistentvolumeclaims \"fixed-claim\" is forbidden: only dynamically provisioned"
                + " pvc can be resized and the storageclass that provisions the pvc must support"
                + " resize");
    ok("delete", "pod", "grow-pod", "--grace-period=0", "--force");
  }
}
