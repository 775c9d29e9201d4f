package io.nauta.controllers.job;

import static io.nauta.controllers.job.JobFixtures.T0;
import static io.nauta.controllers.job.JobFixtures.failed;
import static io.nauta.controllers.job.JobFixtures.job;
import static io.nauta.controllers.job.JobFixtures.running;
import static io.nauta.controllers.job.JobFixtures.started;
import static io.nauta.controllers.job.JobFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobPlanTest {
  private static final Backoff BACKOFF = Backoff.DEFAULT;

  private static JobPlan plan(Job job, Instant now, Pod... pods) {
    return JobPlan.of(job, List.of(pods), now, BACKOFF);
  }

  private static List<String> trueConditions(JobPlan p) {
    return p.status().getConditions().stream()
        .filter(c -> "True".equals(c.getStatus()))
        .map(JobCondition::getType)
        .toList();
  }

  @Test
  void startsParallelismPodsAndSetsStartTime() {
    JobPlan p = plan(job(5, 2).build(), T0);
    assertThat(p.create()).isEqualTo(2);
    assertThat(p.status().getActive()).isEqualTo(2);
    assertThat(p.status().getStartTime()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void neverRunsMorePodsThanCompletionsRemain() {
    Job j = started(job(5, 2));
    JobPlan p = plan(j, T0, succeeded("a"), succeeded("b"), succeeded("c"), succeeded("d"));
    assertThat(p.create()).isEqualTo(1);
    assertThat(p.status().getSucceeded()).isEqualTo(4);
  }

  @Test
  void deletesSurplusWhenParallelismShrinks() {
    Job j = started(job(5, 1));
    JobPlan p = plan(j, T0, running("a"), running("b"));
    assertThat(p.create()).isZero();
    assertThat(p.delete()).hasSize(1);
    assertThat(p.status().getActive()).isEqualTo(1);
  }

  @Test
  void completesWithBothConditionsWhenNothingRuns() {
    Job j = started(job(2, 2));
    JobPlan p = plan(j, T0.plusSeconds(5), succeeded("a"), succeeded("b"));
    assertThat(trueConditions(p)).containsExactly("SuccessCriteriaMet", "Complete");
    assertThat(p.status().getCompletionTime()).isEqualTo("2026-01-01T00:00:05Z");
    assertThat(p.events()).extracting(JobPlan.JobEvent::reason).containsExactly("Completed");
  }

  @Test
  void failsWhenFailuresExceedBackoffLimit() {
    Job j = started(job(1, 1).editSpec().withBackoffLimit(1).endSpec());
    Instant now = T0.plusSeconds(60);
    JobPlan once = plan(j, now, failed("a", T0, 1));
    assertThat(trueConditions(once)).isEmpty();
    JobPlan twice = plan(j, now, failed("a", T0, 1), failed("b", T0.plusSeconds(20), 1));
    assertThat(trueConditions(twice)).containsExactly("FailureTarget", "Failed");
    assertThat(twice.status().getConditions().get(1).getReason()).isEqualTo("BackoffLimitExceeded");
    assertThat(twice.status().getFailed()).isEqualTo(2);
  }

  @Test
  void failureTargetDeletesRunningPodsBeforeFailed() {
    Job j = started(job(3, 2).editSpec().withBackoffLimit(0).endSpec());
    JobPlan p = plan(j, T0.plusSeconds(60), failed("a", T0, 1), running("b"));
    assertThat(trueConditions(p)).containsExactly("FailureTarget");
    assertThat(p.delete()).extracting(x -> x.getMetadata().getName()).containsExactly("b");
    assertThat(p.create()).isZero();
  }

  @Test
  void waitsOutTheBackoffBeforeReplacingAFailedPod() {
    Job j = started(job(1, 1));
    Pod first = failed("a", T0, 1);
    JobPlan soon = plan(j, T0.plusSeconds(3), first);
    assertThat(soon.create()).isZero();
    assertThat(soon.requeueAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(plan(j, T0.plusSeconds(10), first).create()).isEqualTo(1);
    Pod second = failed("b", T0.plusSeconds(15), 1);
    JobPlan later = plan(j, T0.plusSeconds(30), first, second);
    assertThat(later.create()).isZero();
    assertThat(later.requeueAfter()).isEqualTo(Duration.ofSeconds(5)); // 15 + 20 - 30
  }

  @Test
  void activeDeadlineFailsTheJobAndDeletesItsPods() {
    Job j = started(job(1, 1).editSpec().withActiveDeadlineSeconds(30L).endSpec());
    JobPlan before = plan(j, T0.plusSeconds(10), running("a"));
    assertThat(trueConditions(before)).isEmpty();
    assertThat(before.requeueAfter()).isEqualTo(Duration.ofSeconds(20));
    JobPlan after = plan(j, T0.plusSeconds(30), running("a"));
    assertThat(after.delete()).hasSize(1);
    assertThat(after.status().getConditions().get(0).getReason()).isEqualTo("DeadlineExceeded");
    assertThat(after.events()).extracting(JobPlan.JobEvent::reason).contains("DeadlineExceeded");
  }

  @Test
  void suspendDeletesActivePodsAndResumeRestartsTheClock() {
    Job j = started(job(3, 2).editSpec().withSuspend(true).endSpec());
    JobPlan s = plan(j, T0.plusSeconds(5), running("a"), running("b"));
    assertThat(s.delete()).hasSize(2);
    assertThat(trueConditions(s)).containsExactly("Suspended");
    Job suspended =
        new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(j)
            .withStatus(s.status())
            .editSpec()
            .withSuspend(false)
            .endSpec()
            .build();
    JobPlan r = plan(suspended, T0.plusSeconds(50));
    assertThat(r.create()).isEqualTo(2);
    assertThat(trueConditions(r)).isEmpty();
    assertThat(r.status().getStartTime()).isEqualTo("2026-01-01T00:00:50Z");
  }

  @Test
  void indexedJobCreatesMissingIndexesAndReportsRanges() {
    Job j = started(job(6, 3).editSpec().withCompletionMode("Indexed").endSpec());
    JobPlan p =
        plan(
            j,
            T0,
            succeeded("a", 0),
            succeeded("b", 1),
            succeeded("c", 2),
            running("d", 3),
            succeeded("e", 4));
    assertThat(p.status().getCompletedIndexes()).isEqualTo("0-2,4");
    assertThat(p.status().getSucceeded()).isEqualTo(4);
    assertThat(p.indexes()).containsExactly(5);
  }

  @Test
  void indexedJobDeletesDuplicatesOfAnIndex() {
    Job j = started(job(2, 2).editSpec().withCompletionMode("Indexed").endSpec());
    JobPlan p = plan(j, T0, running("a", 0), running("b", 0));
    assertThat(p.delete()).hasSize(1);
    assertThat(p.indexes()).containsExactly(1);
  }

  @Test
  void podFailurePolicyFailJobAndIgnore() {
    var policy =
        new PodFailurePolicyBuilder()
            .addNewRule()
            .withAction("FailJob")
            .withNewOnExitCodes()
            .withOperator("In")
            .withValues(42)
            .endOnExitCodes()
            .endRule()
            .addNewRule()
            .withAction("Ignore")
            .withNewOnExitCodes()
            .withOperator("In")
            .withValues(7)
            .endOnExitCodes()
            .endRule()
            .build();
    Job j =
        started(job(1, 1).editSpec().withBackoffLimit(0).withPodFailurePolicy(policy).endSpec());
    JobPlan ignored = plan(j, T0.plusSeconds(60), failed("a", T0, 7));
    assertThat(trueConditions(ignored)).isEmpty();
    assertThat(ignored.status().getFailed()).isZero();
    assertThat(ignored.create()).isEqualTo(1);
    JobPlan fatal = plan(j, T0.plusSeconds(60), failed("a", T0, 42));
    assertThat(fatal.status().getConditions().get(0).getReason()).isEqualTo("PodFailurePolicy");
  }

  @Test
  void failIndexMarksTheIndexFailedAndFailsTheJobWhenAllAreDone() {
    var policy =
        new PodFailurePolicyBuilder()
            .addNewRule()
            .withAction("FailIndex")
            .withNewOnExitCodes()
            .withOperator("In")
            .withValues(3)
            .endOnExitCodes()
            .endRule()
            .build();
    Job j =
        started(
            job(2, 2)
                .editSpec()
                .withCompletionMode("Indexed")
                .withBackoffLimitPerIndex(1)
                .withPodFailurePolicy(policy)
                .endSpec());
    Pod failed0 = JobFixtures.pod("a", "Failed", 0, T0, 3);
    JobPlan p = plan(j, T0.plusSeconds(60), failed0, succeeded("b", 1));
    assertThat(p.status().getFailedIndexes()).isEqualTo("0");
    assertThat(p.indexes()).isEmpty();
    assertThat(p.status().getConditions())
        .extracting(JobCondition::getReason)
        .contains("FailedIndexes");
  }

  @Test
  void finishedJobIsLeftAlone() {
    Job j = started(job(1, 1));
    Job done =
        new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(j)
            .editStatus()
            .withSucceeded(1)
            .addNewCondition()
            .withType("Complete")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();
    JobPlan p = plan(done, T0.plusSeconds(100));
    assertThat(p.create()).isZero();
    assertThat(p.status().getSucceeded()).isEqualTo(1);
  }

  @Test
  void onFailureRestartsCountAgainstTheBackoffLimit() {
    Job j =
        started(
            job(1, 1)
                .editSpec()
                .withBackoffLimit(2)
                .editTemplate()
                .editSpec()
                .withRestartPolicy("OnFailure")
                .endSpec()
                .endTemplate()
                .endSpec());
    Pod once = running("a");
    once.getStatus()
        .setContainerStatuses(
            List.of(
                new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                    .withName("c")
                    .withRestartCount(1)
                    .build()));
    assertThat(trueConditions(plan(j, T0, once))).isEmpty();
    once.getStatus().getContainerStatuses().get(0).setRestartCount(2);
    assertThat(plan(j, T0, once).status().getConditions().get(0).getReason())
        .isEqualTo("BackoffLimitExceeded");
  }

  @Test
  void countsInTheStatusSurviveTheDeletionOfFinishedPods() {
    Job j =
        job(3, 1)
            .withNewStatus()
            .withStartTime(T0.toString())
            .withSucceeded(2)
            .withFailed(1)
            .endStatus()
            .build();
    JobPlan p = plan(j, T0.plusSeconds(60));
    assertThat(p.status().getSucceeded()).isEqualTo(2);
    assertThat(p.status().getFailed()).isEqualTo(1);
    assertThat(p.create()).isEqualTo(1);
    Job indexed =
        job(3, 3)
            .editSpec()
            .withCompletionMode("Indexed")
            .endSpec()
            .withNewStatus()
            .withStartTime(T0.toString())
            .withCompletedIndexes("0,2")
            .endStatus()
            .build();
    JobPlan q = plan(indexed, T0, JobFixtures.succeeded("b", 1));
    assertThat(q.status().getCompletedIndexes()).isEqualTo("0-2");
    assertThat(trueConditions(q)).containsExactly("SuccessCriteriaMet", "Complete");
  }
}
