package io.nauta.controllers.ttlafterfinished;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TtlAfterFinishedControllerTest {
  private static final Instant DONE = Instant.parse("2026-01-01T00:00:00Z");

  private static JobBuilder job(Integer ttl, String condition) {
    JobBuilder b =
        new JobBuilder()
            .withNewMetadata()
            .withName("j")
            .endMetadata()
            .withNewSpec()
            .withTtlSecondsAfterFinished(ttl)
            .endSpec()
            .withNewStatus()
            .endStatus();
    if (condition != null) {
      b.editStatus()
          .addNewCondition()
          .withType(condition)
          .withStatus("True")
          .withLastTransitionTime(DONE.toString())
          .endCondition()
          .endStatus();
    }
    return b;
  }

  @Test
  void completeJobExpiresTtlAfterItsCompletionTime() {
    Job j =
        job(30, "Complete")
            .editStatus()
            .withCompletionTime("2026-01-01T00:00:10Z")
            .endStatus()
            .build();
    assertThat(TtlAfterFinishedController.timeLeft(j, DONE)).contains(Duration.ofSeconds(40));
    assertThat(TtlAfterFinishedController.timeLeft(j, DONE.plusSeconds(40)))
        .contains(Duration.ZERO);
  }

  @Test
  void failedJobExpiresTtlAfterItFailed() {
    Job j = job(5, "Failed").build();
    assertThat(TtlAfterFinishedController.timeLeft(j, DONE.plusSeconds(2)))
        .contains(Duration.ofSeconds(3));
    assertThat(TtlAfterFinishedController.timeLeft(j, DONE.plusSeconds(99)))
        .contains(Duration.ZERO);
  }

  @Test
  void runningJobsAndJobsWithoutTtlAreKept() {
    assertThat(TtlAfterFinishedController.timeLeft(job(5, null).build(), DONE)).isEmpty();
    assertThat(TtlAfterFinishedController.timeLeft(job(5, "Suspended").build(), DONE)).isEmpty();
    assertThat(TtlAfterFinishedController.timeLeft(job(null, "Complete").build(), DONE))
        .isEqualTo(Optional.empty());
  }
}
