package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Storage as a user meets it on a real node, with the default class ({@code local-path},
 * WaitForFirstConsumer): the scheduler picks the node, the volume is provisioned there, data
 * outlives pods, a StatefulSet's pods keep their own claims across deletion, and deleting a claim
 * of the Delete policy removes its directory from the node.
 */
class StatefulStorageIT extends RealNodeTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @BeforeAll
  void startAgent() throws Exception {
    startNode("stateful-1");
  }

  @AfterAll
  void deleteWorkloads() throws Exception {
    if (agent != null) {
      nauta.kubectl("delete", "statefulsets,pods", "--all", "--grace-period=1", "--timeout=60s");
    }
  }

  private void apply(String yaml) throws Exception {
    Kubectl.Result r = nauta.kubectlWithInput(yaml.replace("IMAGE", image), "apply", "-f", "-");
    assertThat(r.code()).as(r.all()).isZero();
  }

  private String field(String kind, String name, String jsonpath) throws Exception {
    return ok("get", kind, name, "-o", "jsonpath=" + jsonpath).out();
  }

  private void onePod(String name, String command, String phase) throws Exception {
    apply(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s}
        spec:
          restartPolicy: Never
          terminationGracePeriodSeconds: 1
          containers:
          - name: c
            image: IMAGE
            command: [sh, -c, '%s']
            volumeMounts: [{name: data, mountPath: /data}]
          volumes: [{name: data, persistentVolumeClaim: {claimName: notes}}]
        """
            .formatted(name, command));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(field("pod", name, "{.status.phase}")).isEqualTo(phase));
  }

  @Test
  void dataOnTheDefaultClassOutlivesItsPodAndGoesWithItsClaim() throws Exception {
    apply(
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: notes}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 50Mi}}
        """);
    assertThat(ok("get", "pvc", "notes").out()).containsPattern("notes\\s+Pending");

    onePod("writer", "echo kept > /data/note", "Succeeded");
    assertThat(ok("get", "pvc", "notes").out()).containsPattern("notes\\s+Bound\\s+pvc-");
    assertThat(field("pvc", "notes", "{.spec.storageClassName}")).isEqualTo("local-path");
    ok("delete", "pod", "writer", "--timeout=60s");

    onePod("reader", "cat /data/note; exec sleep 3600", "Running");
    await().atMost(WAIT).until(() -> ok("logs", "reader").out().equals("kept\n"));
    String volume = field("pvc", "notes", "{.spec.volumeName}");
    Path dir = Path.of(field("pv", volume, "{.spec.hostPath.path}"));
    assertThat(dir.resolve("note")).as("on the node").hasContent("kept");

    // protection: the claim stays while a running pod uses it
    ok("delete", "pvc", "notes", "--wait=false");
    assertThat(ok("get", "pvc", "notes").out()).containsPattern("notes\\s+Terminating");
    ok("delete", "pod", "reader", "--timeout=60s");
    // the Delete policy: claim, volume and the directory on the node go
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(nauta.kubectl("get", "pvc", "notes").code()).isNotZero();
              assertThat(nauta.kubectl("get", "pv", volume).code()).isNotZero();
            });
    assertThat(dir).doesNotExist();
  }

  @Test
  void eachStatefulSetPodKeepsItsOwnDataAcrossADeletion() throws Exception {
    apply(
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web}
        spec:
          replicas: 3
          podManagementPolicy: Parallel
          serviceName: web
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: c
                image: IMAGE
                command:
                - sh
                - -c
                - '[ -f /data/id ] || echo "$(hostname) $RANDOM" > /data/id; cat /data/id; exec sleep 3600'
                volumeMounts: [{name: data, mountPath: /data}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 10Mi}}
        """);
    String[] ids = new String[3];
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (int i = 0; i < 3; i++) {
                assertThat(field("pod", "web-" + i, "{.status.phase}")).isEqualTo("Running");
                ids[i] = ok("logs", "web-" + i).out().trim();
                assertThat(ids[i]).startsWith("web-" + i + " ");
              }
            });
    assertThat(ok("get", "pvc").out())
        .containsPattern("data-web-0\\s+Bound")
        .containsPattern("data-web-1\\s+Bound")
        .containsPattern("data-web-2\\s+Bound");

    String uid = field("pod", "web-1", "{.metadata.uid}");
    ok("delete", "pod", "web-1", "--timeout=60s");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(field("pod", "web-1", "{.metadata.uid}")).isNotEqualTo(uid);
              assertThat(field("pod", "web-1", "{.status.phase}")).isEqualTo("Running");
              assertThat(ok("logs", "web-1").out().trim()).isEqualTo(ids[1]);
            });
    assertThat(field("pod", "web-1", "{.spec.volumes[0].persistentVolumeClaim.claimName}"))
        .isEqualTo("data-web-1");
    // the default retention policy keeps the claims when the set goes
    ok("delete", "statefulset", "web", "--timeout=60s");
    assertThat(ok("get", "pvc").out()).contains("data-web-0", "data-web-1", "data-web-2");
  }
}
