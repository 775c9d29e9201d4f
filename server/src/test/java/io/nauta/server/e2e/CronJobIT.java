package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.simulator.NodeTemplate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CronJob controller on a real server with simulated nodes, driven by kubectl: a schedule of
 * every minute starts a Job within a minute, Jobs made by {@code kubectl create job --from=cronjob}
 * belong to it, and finished Jobs beyond the history limit are deleted. The one slow test (it waits
 * for a minute boundary).
 */
class CronJobIT extends ServerProcessTest {
  @BeforeAll
  void startNodes() throws Exception {
    simulateNodes(new NodeTemplate("cron-node-", "8", "16Gi", "110", Map.of(), List.of()), 2);
  }

  private List<String> jobs() throws Exception {
    String out = ok("get", "jobs", "-o", "jsonpath={.items[*].metadata.name}").out().trim();
    return out.isEmpty() ? List.of() : Arrays.asList(out.split(" "));
  }

  @Test
  void schedulesJobsEveryMinuteAndKeepsOnlyTheHistoryLimit() throws Exception {
    ok(
        "apply",
        "-f",
        file(
                "tick.yaml",
                """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tick}
                spec:
                  schedule: "* * * * *"
                  successfulJobsHistoryLimit: 1
                  jobTemplate:
                    metadata: {labels: {app: tick}}
                    spec:
                      template:
                        metadata: {annotations: {simulator.nauta.io/exit-after: 1s}}
                        spec:
                          restartPolicy: Never
                          containers: [{name: c, image: busybox}]
                """)
            .toString());

    // kubectl makes the Job itself from the CronJob's template, owned by the CronJob
    ok("create", "job", "manual-1", "--from=cronjob/tick");
    assertThat(
            ok(
                    "get",
                    "job",
                    "manual-1",
                    "-o",
                    "jsonpath={.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}"
                        + " {.metadata.ownerReferences[0].kind}")
                .out())
        .isEqualTo("manual CronJob");
    ok("wait", "--for=condition=complete", "job/manual-1", "--timeout=60s");
    ok("create", "job", "manual-2", "--from=cronjob/tick");
    ok("wait", "--for=condition=complete", "job/manual-2", "--timeout=60s");
    // history limit 1: the older successful Job goes
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(jobs()).doesNotContain("manual-1").contains("manual-2"));

    // the schedule's own Job, named after its minute, within about a minute
    await()
        .atMost(Duration.ofSeconds(75))
        .untilAsserted(() -> assertThat(jobs()).anyMatch(j -> j.matches("tick-[0-9]+")));
    String scheduled =
        jobs().stream().filter(j -> j.matches("tick-[0-9]+")).findFirst().orElseThrow();
    long minute = Long.parseLong(scheduled.substring("tick-".length()));
    assertThat(
            ok(
                    "get",
                    "job",
                    scheduled,
                    "-o",
                    "jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}")
                .out())
        .isEqualTo(java.time.Instant.ofEpochSecond(minute * 60).toString());
    assertThat(ok("get", "job", scheduled, "-o", "jsonpath={.metadata.labels.app}").out())
        .isEqualTo("tick");
    assertThat(ok("get", "cronjob", "tick", "-o", "jsonpath={.status.lastScheduleTime}").out())
        .isEqualTo(java.time.Instant.ofEpochSecond(minute * 60).toString());
    ok("wait", "--for=condition=complete", "job/" + scheduled, "--timeout=60s");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(jobs()).doesNotContain("manual-2");
              assertThat(
                      ok("get", "cronjob", "tick", "-o", "jsonpath={.status.lastSuccessfulTime}")
                          .out())
                  .isNotEmpty();
              assertThat(ok("get", "cronjob", "tick", "-o", "jsonpath={.status.active}").out())
                  .isEmpty();
            });
    assertThat(ok("describe", "cronjob", "tick").out())
        .contains("SuccessfulCreate", "SawCompletedJob", "SuccessfulDelete", "cronjob-controller");
    // suspended, it starts nothing more (its last run stays)
    ok("patch", "cronjob", "tick", "--type=merge", "-p", "{\"spec\":{\"suspend\":true}}");
    assertThat(ok("get", "cronjob", "tick").out())
        .containsPattern("tick\\s+\\* \\* \\* \\* \\*\\s+<none>\\s+True");
  }
}
