package io.nauta.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;

/** Jobs and pods for the planner's tests. */
final class JobFixtures {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private JobFixtures() {}

  static JobBuilder job(int completions, int parallelism) {
    return new JobBuilder()
        .withNewMetadata()
        .withName("pi")
        .withNamespace("default")
        .withUid("u1")
        .endMetadata()
        .withNewSpec()
        .withCompletions(completions)
        .withParallelism(parallelism)
        .withBackoffLimit(6)
        .withNewTemplate()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("c")
        .withImage("busybox")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec();
  }

  static Job started(JobBuilder b) {
    return b.withNewStatus().withStartTime(T0.toString()).endStatus().build();
  }

  static Pod pod(String name, String phase, Integer index, Instant finished, int exitCode) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .withCreationTimestamp(T0.toString())
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .endStatus();
    if (index != null) {
      b.editMetadata().addToAnnotations(JobPods.COMPLETION_INDEX, index.toString()).endMetadata();
    }
    if (finished != null) {
      b.editStatus()
          .addNewContainerStatus()
          .withName("c")
          .withRestartCount(0)
          .withNewState()
          .withNewTerminated()
          .withExitCode(exitCode)
          .withFinishedAt(finished.toString())
          .endTerminated()
          .endState()
          .endContainerStatus()
          .endStatus();
    }
    return b.build();
  }

  static Pod running(String name) {
    return pod(name, "Running", null, null, 0);
  }

  static Pod running(String name, int index) {
    return pod(name, "Running", index, null, 0);
  }

  static Pod succeeded(String name) {
    return pod(name, "Succeeded", null, T0, 0);
  }

  static Pod succeeded(String name, int index) {
    return pod(name, "Succeeded", index, T0, 0);
  }

  static Pod failed(String name, Instant at, int code) {
    return pod(name, "Failed", null, at, code);
  }
}
