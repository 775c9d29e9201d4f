package io.nauta.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobHistoryTest {
  private static Job job(String name, String started, String condition) {
    JobBuilder b =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewStatus()
            .withStartTime(started)
            .endStatus();
    if (condition != null) {
      b.editStatus()
          .addNewCondition()
          .withType(condition)
          .withStatus("True")
          .endCondition()
          .endStatus();
    }
    return b.build();
  }

  @Test
  void deletesTheOldestFinishedJobsBeyondEachLimit() {
    List<Job> jobs =
        List.of(
            job("ok-3", "2026-01-01T00:03:00Z", "Complete"),
            job("ok-1", "2026-01-01T00:01:00Z", "Complete"),
            job("ok-2", "2026-01-01T00:02:00Z", "Complete"),
            job("bad-1", "2026-01-01T00:01:30Z", "Failed"),
            job("bad-2", "2026-01-01T00:02:30Z", "Failed"),
            job("running", "2026-01-01T00:00:00Z", null));
    assertThat(JobHistory.beyondLimits(jobs, 2, 1))
        .extracting(j -> j.getMetadata().getName())
        .containsExactly("ok-1", "bad-1");
    assertThat(JobHistory.beyondLimits(jobs, 0, 0))
        .extracting(j -> j.getMetadata().getName())
        .containsExactly("ok-1", "ok-2", "ok-3", "bad-1", "bad-2");
    assertThat(JobHistory.beyondLimits(jobs, 3, 2)).isEmpty();
  }
}
