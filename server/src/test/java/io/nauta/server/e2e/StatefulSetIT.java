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
 * the ordinals at or above it; {@code kubectl rollout status/history/undo} work.
 */
class StatefulSetIT extends ServerProcessTest {
  @BeforeAll
  void startNodes() throws Exception {
    simulateNodes(new NodeTemplate("sts-node-", "8", "16Gi", "110", Map.of(), List.of()), 3);
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
    assertThat(ok("get", "pvc", "-o", "name").out()).isBlank(); // storage comes later
    assertThat(ok("describe", "sts", "web").out())
        .contains("SuccessfulCreate", "create Pod web-0 in StatefulSet web successful");

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
  }
}
