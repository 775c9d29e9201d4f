package io.nauta.controllers.job;

import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The conditions of a Job status being computed; a change of status stamps the transition. */
final class JobConditions {
  private final JobStatus status;
  private final Instant now;

  JobConditions(JobStatus status, Instant now) {
    this.status = status;
    this.now = now;
    if (status.getConditions() == null) {
      status.setConditions(new ArrayList<>());
    } else {
      status.setConditions(new ArrayList<>(status.getConditions()));
    }
  }

  JobCondition get(String type) {
    for (JobCondition c : status.getConditions()) {
      if (type.equals(c.getType())) {
        return c;
      }
    }
    return null;
  }

  boolean isTrue(String type) {
    JobCondition c = get(type);
    return c != null && "True".equals(c.getStatus());
  }

  /** Whether the Job already met its success or failure criteria. */
  boolean finishing() {
    return isTrue("FailureTarget") || isTrue("SuccessCriteriaMet");
  }

  /** Sets the condition; an unchanged status keeps its transition time. */
  void set(String type, String value, String reason, String message) {
    JobCondition old = get(type);
    if (old != null
        && value.equals(old.getStatus())
        && java.util.Objects.equals(reason, old.getReason())) {
      return;
    }
    String t = JobPlan.format(now);
    JobCondition c =
        new JobConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withLastProbeTime(t)
            .withLastTransitionTime(t)
            .build();
    List<JobCondition> all = status.getConditions();
    int i = old == null ? -1 : all.indexOf(old);
    if (i >= 0) {
      all.set(i, c);
    } else {
      all.add(c);
    }
  }
}
