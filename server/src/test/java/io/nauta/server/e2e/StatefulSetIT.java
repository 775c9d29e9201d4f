package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.nauta.simulator.NodeTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * StatefulSets on a real server with simulated nodes, driven by kubectl: pods web-0, web-1, web-2
 * are made one after the other, each only once the one before is Ready, with their stable identity;
 * scaling down removes the highest ordinal first; a rolling update with a partition touches only
 * the ordinals at or above it; {@code kubectl rollout status/history/undo} work. Each pod gets the
 * claims of the volumeClaimTemplates, kept across pod restarts and scale-downs unless the
 * persistentVolumeClaimRetentionPolicy says Delete.
 */
class StatefulSetIT extends ServerProcessTest {
  @BeforeAll
  void startNodes() throws Exception {
    simulateNodes(new NodeTemplate("sts-node-", "8", "16Gi", "110", Map.of(), List.of()), 3);
    // announce a local-path directory as agents do, so the default class's claims can be
    // provisioned on these nodes (volume objects only: nothing is written there)
    ok("annotate", "node", "--all", "nauta.io/local-path-dir=" + dir.resolve("storage"));
  }

  private String image(String pod) throws Exception {
    return ok("get", "pod", pod, "-o", "jsonpath={.spec.containers[0].image}").out();
  }

  private List<String> pods() throws Exception {
    String out =
        ok("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].metadata.name}").out();
    return out.isBlank() ? List.of() : List.of(out.trim().split(" "));
  }

  /** Pod events in the order the API server sent them: "ADDED web-0", "READY web-0", ... */
  private final List<String> history = new CopyOnWriteArrayList<>();

  private Watch watchPods() throws Exception {
    return client()
        .pods()
        .inNamespace("default")
        .withLabel("app", "web")
        .watch(
            new Watcher<Pod>() {
              @Override
              public void eventReceived(Action action, Pod p) {
                String name = p.getMetadata().getName();
                if (action != Action.MODIFIED) {
                  history.add(action + " " + name);
                } else if (ready(p) && !history.contains("READY " + name)) {
                  history.add("READY " + name);
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  private static boolean ready(Pod p) {
    return p.getStatus() != null
        && p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void assertBefore(String first, String then) {
    assertThat(history).contains(first, then);
    assertThat(history.indexOf(first))
        .as("%s before %s in %s", first, then, history)
        .isLessThan(history.indexOf(then));
  }

  @Test
  void createsInOrderScalesDownFromTheTopAndRollsOutByPartition() throws Exception {
    try (Watch w = watchPods()) {
      nauta.kubectlWithInput(
          """
          apiVersion: apps/v1
          kind: StatefulSet
          metadata: {name: web}
          spec:
            replicas: 3
            serviceName: web
            selector: {matchLabels: {app: web}}
            template:
              metadata: {labels: {app: web}}
              spec: {containers: [{name: web, image: "nginx:1"}]}
            volumeClaimTemplates:
            - metadata: {name: data}
              spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
          """,
          "apply",
          "-f",
          "-");
      ok("rollout", "status", "sts/web", "--timeout=60s");
      assertThat(pods()).containsExactlyInAnyOrder("web-0", "web-1", "web-2");
      await().atMost(Duration.ofSeconds(10)).until(() -> history.contains("READY web-2"));
      assertBefore("READY web-0", "ADDED web-1");
      assertBefore("READY web-1", "ADDED web-2");
    }
    assertThat(
            ok(
                    "get",
                    "pod",
                    "web-1",
                    "-o",
                    "jsonpath={.spec.hostname} {.spec.subdomain} "
                        + "{.metadata.labels.statefulset\\.kubernetes\\.io/pod-name} "
                        + "{.metadata.labels.apps\\.kubernetes\\.io/pod-index}")
                .out())
        .isEqualTo("web-1 web web-1 1");
    // each pod got its claim from the template, made before it and mounted as the volume "data"
    assertThat(claims("web")).containsExactly("data-web-0", "data-web-1", "data-web-2");
    assertThat(
            ok(
                    "get",
                    "pod",
                    "web-1",
                    "-o",
                    "jsonpath={.spec.volumes[?(@.name==\"data\")].persistentVolumeClaim.claimName}")
                .out())
        .isEqualTo("data-web-1");
    assertThat(ok("describe", "sts", "web").out())
        .contains(
            "SuccessfulCreate",
            "create Claim data-web-0 Pod web-0 in StatefulSet web success",
            "create Pod web-0 in StatefulSet web successful");

    // a partitioned rolling update touches only ordinals >= 1, from the top
    history.clear();
    try (Watch w = watchPods()) {
      ok(
          "patch",
          "sts",
          "web",
          "-p",
          """
          {"spec":{"updateStrategy":{"rollingUpdate":{"partition":1}},
           "template":{"spec":{"containers":[{"name":"web","image":"nginx:2"}]}}}}
          """);
      assertThat(ok("rollout", "status", "sts/web", "--timeout=60s").out())
          .contains("partitioned roll out complete: 2 new pods have been updated");
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(List.of(image("web-0"), image("web-1"), image("web-2")))
                      .containsExactly("nginx:1", "nginx:2", "nginx:2"));
      assertBefore("DELETED web-2", "DELETED web-1");
      assertThat(history).doesNotContain("DELETED web-0");
    }
    String status =
        ok(
                "get",
                "sts",
                "web",
                "-o",
                "jsonpath={.status.currentReplicas} {.status.updatedReplicas}")
            .out();
    assertThat(status).isEqualTo("1 2");

    // the partition lowered to 0: web-0 too; then rollout undo brings nginx:1 back everywhere
    ok(
        "patch",
        "sts",
        "web",
        "-p",
        "{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":0}}}}");
    ok("rollout", "status", "sts/web", "--timeout=60s");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(image("web-0")).isEqualTo("nginx:2"));
    assertThat(ok("rollout", "history", "sts/web").out()).containsPattern("(?s)1\\s.*2\\s");
    ok("rollout", "undo", "sts/web");
    ok("rollout", "status", "sts/web", "--timeout=60s");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(List.of(image("web-0"), image("web-1"), image("web-2")))
                    .containsOnly("nginx:1"));
    assertThat(ok("rollout", "history", "sts/web").out()).containsPattern("(?s)2\\s.*3\\s");
    assertThat(
            ok(
                    "get",
                    "sts",
                    "web",
                    "-o",
                    "jsonpath={.status.currentRevision} {.status.updateRevision}")
                .out()
                .split(" "))
        .hasSize(2)
        .satisfies(r -> assertThat(r[0]).isEqualTo(r[1]));

    // scaling down removes the highest ordinal first, one at a time
    history.clear();
    try (Watch w = watchPods()) {
      ok("scale", "sts", "web", "--replicas=1");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(pods()).containsExactly("web-0"));
      await().atMost(Duration.ofSeconds(5)).until(() -> history.contains("DELETED web-1"));
      assertBefore("DELETED web-2", "DELETED web-1");
    }
    assertThat(ok("describe", "sts", "web").out())
        .contains("delete Pod web-2 in StatefulSet web successful");
    // the default policy (Retain) keeps the claims of the pods scaled away
    assertThat(claims("web")).containsExactly("data-web-0", "data-web-1", "data-web-2");
  }

  /** The names of the claims labelled {@code app=<app>}, sorted. */
  private List<String> claims(String app) throws Exception {
    String out =
        ok("get", "pvc", "-l", "app=" + app, "-o", "jsonpath={.items[*].metadata.name}").out();
    return out.isBlank() ? List.of() : List.of(out.trim().split(" ")).stream().sorted().toList();
  }

  private String claimField(String claim, String jsonpath) throws Exception {
    return ok("get", "pvc", claim, "-o", "jsonpath=" + jsonpath).out();
  }

  private List<String> dbPods() throws Exception {
    String out =
        ok("get", "pods", "-l", "app=db", "-o", "jsonpath={.items[*].metadata.name}").out();
    return out.isBlank() ? List.of() : List.of(out.trim().split(" ")).stream().sorted().toList();
  }

  @Test
  void claimsOutliveTheirPodsUnlessTheRetentionPolicyDeletesThem() throws Exception {
    Duration wait = Duration.ofSeconds(60);
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: 3
          serviceName: db
          podManagementPolicy: Parallel
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: "postgres:1"}]}
          volumeClaimTemplates:
          - metadata: {name: data, labels: {tier: storage}}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        """,
        "apply",
        "-f",
        "-");
    ok("rollout", "status", "sts/db", "--timeout=60s");
    assertThat(claims("db")).containsExactly("data-db-0", "data-db-1", "data-db-2");
    // the template's labels and the selector's; the default class filled in by admission, its
    // volume provisioned on the node the scheduler chose for the pod
    assertThat(
            claimField(
                "data-db-1",
                "{.metadata.labels.app} {.metadata.labels.tier} {.spec.storageClassName} "
                    + "{.status.phase} {.metadata.ownerReferences}"))
        .isEqualTo("db storage local-path Bound ");
    String claimUid = claimField("data-db-1", "{.metadata.uid}");

    // a deleted pod comes back on the same claim
    String podUid = ok("get", "pod", "db-1", "-o", "jsonpath={.metadata.uid}").out();
    ok("delete", "pod", "db-1", "--wait=false");
    await()
        .atMost(wait)
        .untilAsserted(
            () ->
                assertThat(
                        ok(
                                "get",
                                "pod",
                                "db-1",
                                "-o",
                                "jsonpath={.metadata.uid}",
                                "--ignore-not-found")
                            .out())
                    .isNotBlank()
                    .isNotEqualTo(podUid));
    assertThat(
            ok(
                    "get",
                    "pod",
                    "db-1",
                    "-o",
                    "jsonpath={.spec.volumes[?(@.name==\"data\")].persistentVolumeClaim.claimName}")
                .out())
        .isEqualTo("data-db-1");
    assertThat(claimField("data-db-1", "{.metadata.uid}")).isEqualTo(claimUid);

    // Retain: scaling down keeps the claims, scaling up again reuses them
    ok("scale", "sts", "db", "--replicas=1");
    await().atMost(wait).untilAsserted(() -> assertThat(dbPods()).containsExactly("db-0"));
    assertThat(claims("db")).containsExactly("data-db-0", "data-db-1", "data-db-2");
    ok(
        "patch",
        "sts",
        "db",
        "-p",
        "{\"spec\":{\"replicas\":3,\"persistentVolumeClaimRetentionPolicy\":"
            + "{\"whenScaled\":\"Delete\"}}}");
    await()
        .atMost(wait)
        .untilAsserted(() -> assertThat(dbPods()).containsExactly("db-0", "db-1", "db-2"));
    assertThat(claimField("data-db-1", "{.metadata.uid}")).isEqualTo(claimUid);

    // whenScaled Delete: the claim of the pod scaled away goes with it; the others stay unowned
    ok("scale", "sts", "db", "--replicas=2");
    await()
        .atMost(wait)
        .untilAsserted(() -> assertThat(claims("db")).containsExactly("data-db-0", "data-db-1"));
    assertThat(dbPods()).containsExactly("db-0", "db-1");
    assertThat(claimField("data-db-1", "{.metadata.ownerReferences}")).isEmpty();
    assertThat(ok("describe", "sts", "db").out())
        .contains("create Claim data-db-2 Pod db-2 in StatefulSet db success");

    // whenDeleted Delete: the set comes to own its claims, and deleting it deletes them
    ok(
        "patch",
        "sts",
        "db",
        "-p",
        "{\"spec\":{\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\"Delete\"}}}");
    String setUid = ok("get", "sts", "db", "-o", "jsonpath={.metadata.uid}").out();
    await()
        .atMost(wait)
        .untilAsserted(
            () ->
                assertThat(
                        claimField(
                            "data-db-0",
                            "{.metadata.ownerReferences[0].kind} {.metadata.ownerReferences[0].name}"
                                + " {.metadata.ownerReferences[0].uid}"
                                + " {.metadata.ownerReferences[0].controller}"
                                + " {.metadata.ownerReferences[0].blockOwnerDeletion}"))
                    .isEqualTo("StatefulSet db " + setUid + " true true"));
    ok("delete", "sts", "db", "--wait=false");
    await().atMost(wait).untilAsserted(() -> assertThat(claims("db")).isEmpty());
    await().atMost(wait).untilAsserted(() -> assertThat(dbPods()).isEmpty());
  }

  @Test
  void aClaimBeingDeletedHoldsItsPodUntilItIsGone() throws Exception {
    Duration wait = Duration.ofSeconds(60);
    nauta.kubectlWithInput(
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data-cache-0, finalizers: [example.com/hold]}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        """,
        "apply",
        "-f",
        "-");
    String oldUid = claimField("data-cache-0", "{.metadata.uid}");
    ok("delete", "pvc", "data-cache-0", "--wait=false");
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: cache}
        spec:
          replicas: 1
          serviceName: cache
          selector: {matchLabels: {app: cache}}
          template:
            metadata: {labels: {app: cache}}
            spec: {containers: [{name: cache, image: "redis:1"}]}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        """,
        "apply",
        "-f",
        "-");
    await()
        .atMost(wait)
        .untilAsserted(
            () ->
                assertThat(ok("describe", "sts", "cache").out())
                    .contains(
                        "FailedCreate",
                        "create Pod cache-0 in StatefulSet cache failed error: "
                            + "pvc data-cache-0 is being deleted"));
    assertThat(ok("get", "pod", "cache-0", "--ignore-not-found", "-o", "name").out()).isBlank();
    // once the old claim is gone, a new one is made and then the pod
    ok(
        "patch",
        "pvc",
        "data-cache-0",
        "--type=merge",
        "-p",
        "{\"metadata\":{\"finalizers\":null}}");
    await()
        .atMost(wait)
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "cache-0", "--ignore-not-found", "-o", "name").out())
                    .isNotBlank());
    assertThat(claimField("data-cache-0", "{.metadata.uid}")).isNotBlank().isNotEqualTo(oldUid);
    ok("delete", "sts", "cache", "--wait=false");
  }
}
