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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Job and TTL-after-finished controllers on a real server with simulated nodes whose pods exit
 * when annotated to (simulator.nauta.io/exit-after), driven by kubectl.
 */
class JobIT extends ServerProcessTest {
  @BeforeAll
  void startNodes() throws Exception {
    simulateNodes(new NodeTemplate("job-node-", "8", "16Gi", "110", Map.of(), List.of()), 3);
  }

  /** A Job manifest whose pods run for {@code exitAfter} and exit with {@code code}. */
  private void applyJob(String name, String spec, String exitAfter, int code) throws Exception {
    applyJob(name, spec, exitAfter, code, "Never");
  }

  private void applyJob(String name, String spec, String exitAfter, int code, String restartPolicy)
      throws Exception {
    String annotations =
        exitAfter == null
            ? "{}"
            : "{simulator.nauta.io/exit-after: \"%s\", simulator.nauta.io/exit-code: \"%d\"}"
                .formatted(exitAfter, code);
    ok(
        "apply",
        "-f",
        file(
                name + ".yaml",
                """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: %s}
                spec:
                  %s
                  template:
                    metadata: {annotations: %s}
                    spec:
                      restartPolicy: %s
                      containers: [{name: c, image: busybox}]
                """
                    .formatted(name, spec, annotations, restartPolicy))
            .toString());
  }

  private String jsonpath(String kind, String name, String path) throws Exception {
    return ok("get", kind, name, "-o", "jsonpath=" + path).out().trim();
  }

  @Test
  void completesFiveWithNeverMoreThanTwoActive() throws Exception {
    Set<String> active = ConcurrentHashMap.newKeySet();
    AtomicInteger mostActive = new AtomicInteger();
    try (Watch w =
        client()
            .pods()
            .inNamespace("default")
            .withLabel("job-name", "five")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Pod p) {
                    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
                    boolean running =
                        action != Action.DELETED
                            && !"Succeeded".equals(phase)
                            && !"Failed".equals(phase);
                    if (running) {
                      active.add(p.getMetadata().getName());
                    } else {
                      active.remove(p.getMetadata().getName());
                    }
                    mostActive.accumulateAndGet(active.size(), Math::max);
                  }

                  @Override
                  public void onClose(WatcherException e) {}
                })) {
      applyJob("five", "completions: 5\n  parallelism: 2", "1s", 0);
      ok("wait", "--for=condition=complete", "job/five", "--timeout=60s");
    }
    assertThat(ok("get", "job", "five").out()).containsPattern("five\\s+Complete\\s+5/5\\s");
    assertThat(mostActive.get()).isEqualTo(2);
    assertThat(jsonpath("job", "five", "{.status.succeeded} {.status.active}")).isEqualTo("5 0");
    assertThat(jsonpath("job", "five", "{.status.completionTime}")).isNotEmpty();
    assertThat(ok("get", "pods", "-l", "batch.kubernetes.io/job-name=five", "-o", "name").out())
        .hasLineCount(5);
    assertThat(ok("describe", "job", "five").out())
        .contains("SuccessfulCreate", "job-controller", "Completed");
  }

  @Test
  void failingPodsExhaustTheBackoffLimit() throws Exception {
    applyJob("fails", "backoffLimit: 1", "500ms", 3);
    ok("wait", "--for=condition=failed", "job/fails", "--timeout=60s");
    assertThat(jsonpath("job", "fails", "{.status.conditions[?(@.type==\"Failed\")].reason}"))
        .isEqualTo("BackoffLimitExceeded");
    assertThat(jsonpath("job", "fails", "{.status.conditions[*].type}"))
        .isEqualTo("FailureTarget Failed");
    assertThat(jsonpath("job", "fails", "{.status.failed}")).isEqualTo("2");
    assertThat(
            ok(
                    "get",
                    "pods",
                    "-l",
                    "job-name=fails",
                    "-o",
                    "jsonpath={.items[*].status.containerStatuses[0].state.terminated.exitCode}")
                .out())
        .isEqualTo("3 3");
    assertThat(ok("describe", "job", "fails").out()).contains("BackoffLimitExceeded");
  }

  @Test
  void indexedJobPodsCarryTheirIndexes() throws Exception {
    applyJob("idx", "completions: 3\n  parallelism: 3\n  completionMode: Indexed", "1s", 0);
    ok("wait", "--for=condition=complete", "job/idx", "--timeout=60s");
    assertThat(jsonpath("job", "idx", "{.status.completedIndexes}")).isEqualTo("0-2");
    List<Pod> pods =
        client().pods().inNamespace("default").withLabel("job-name", "idx").list().getItems();
    assertThat(pods)
        .extracting(
            p -> p.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index"))
        .containsExactlyInAnyOrder("0", "1", "2");
    for (Pod p : pods) {
      String index = p.getMetadata().getLabels().get("batch.kubernetes.io/job-completion-index");
      assertThat(p.getMetadata().getName()).startsWith("idx-" + index + "-");
      assertThat(p.getSpec().getHostname()).isEqualTo("idx-" + index);
      assertThat(p.getSpec().getContainers().get(0).getEnv())
          .anyMatch(e -> e.getName().equals("JOB_COMPLETION_INDEX"));
      assertThat(p.getMetadata().getLabels())
          .containsKeys("batch.kubernetes.io/controller-uid", "controller-uid", "job-name");
    }
  }

  @Test
  void activeDeadlineFailsTheJobAndDeletesItsPods() throws Exception {
    applyJob("slow", "activeDeadlineSeconds: 2\n  parallelism: 2\n  completions: 4", null, 0);
    ok("wait", "--for=condition=failed", "job/slow", "--timeout=60s");
    assertThat(jsonpath("job", "slow", "{.status.conditions[?(@.type==\"Failed\")].reason}"))
        .isEqualTo("DeadlineExceeded");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pods", "-l", "job-name=slow", "-o", "name").out()).isBlank());
    assertThat(ok("describe", "job", "slow").out())
        .contains("DeadlineExceeded", "SuccessfulDelete");
  }

  @Test
  void finishedJobIsDeletedWithItsPodsAfterItsTtl() throws Exception {
    applyJob("brief", "ttlSecondsAfterFinished: 2", "500ms", 0);
    ok("wait", "--for=condition=complete", "job/brief", "--timeout=60s");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(nauta.kubectl("get", "job", "brief").all()).contains("NotFound");
              assertThat(ok("get", "pods", "-l", "job-name=brief", "-o", "name").out()).isBlank();
            });
  }

  @Test
  void suspendedJobRunsNothingUntilResumed() throws Exception {
    applyJob("later", "suspend: true\n  completions: 2\n  parallelism: 2", "500ms", 0);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(jsonpath("job", "later", "{.status.conditions[0].type}"))
                    .isEqualTo("Suspended"));
    assertThat(ok("get", "pods", "-l", "job-name=later", "-o", "name").out()).isBlank();
    ok("patch", "job", "later", "--type=merge", "-p", "{\"spec\":{\"suspend\":false}}");
    ok("wait", "--for=condition=complete", "job/later", "--timeout=60s");
  }

  @Test
  void onFailurePodsRestartInPlaceUntilTheBackoffLimit() throws Exception {
    applyJob("restarts", "backoffLimit: 2", "500ms", 1, "OnFailure");
    ok("wait", "--for=condition=failed", "job/restarts", "--timeout=60s");
    assertThat(jsonpath("job", "restarts", "{.status.conditions[?(@.type==\"Failed\")].reason}"))
        .isEqualTo("BackoffLimitExceeded");
    assertThat(ok("describe", "job", "restarts").out()).containsOnlyOnce("Created pod");
  }
}
