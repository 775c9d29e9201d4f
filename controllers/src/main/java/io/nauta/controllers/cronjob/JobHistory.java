package io.nauta.controllers.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A CronJob's finished Jobs: how each finished, and which are beyond the history limits. */
final class JobHistory {
  private JobHistory() {}

  /** "Complete" or "Failed" when the Job finished, else null. */
  static String finished(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    for (JobCondition c : job.getStatus().getConditions()) {
      if (("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
          && "True".equals(c.getStatus())) {
        return c.getType();
      }
    }
    return null;
  }

  /**
   * The finished Jobs to delete so that at most {@code successful} Complete and {@code failed}
   * Failed ones remain, oldest first; Jobs already being deleted are neither kept nor deleted.
   */
  static List<Job> beyondLimits(List<Job> jobs, int successful, int failed) {
    List<Job> out = new ArrayList<>();
    out.addAll(oldest(jobs, "Complete", successful));
    out.addAll(oldest(jobs, "Failed", failed));
    return out;
  }

  private static List<Job> oldest(List<Job> jobs, String how, int keep) {
    List<Job> done =
        jobs.stream()
            .filter(j -> j.getMetadata().getDeletionTimestamp() == null)
            .filter(j -> how.equals(finished(j)))
            .sorted(Comparator.comparing(JobHistory::started))
            .toList();
    return done.size() <= keep ? List.of() : done.subList(0, done.size() - keep);
  }

  private static String started(Job j) {
    String t = j.getStatus() == null ? null : j.getStatus().getStartTime();
    if (t == null) {
      t = j.getMetadata().getCreationTimestamp();
    }
    return (t == null ? "" : t) + j.getMetadata().getName();
  }
}
