package io.nauta.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.nauta.controllers.job.PodFailurePolicies.Match;
import io.nauta.controllers.runtime.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one sync of a Job does, decided from the Job and its pods alone (no API calls, no clock of
 * its own), so the arithmetic is tested without a server: which pods to create (how many, or which
 * completion indexes) and delete, the new status, when to look again, and the Events to record.
 * Finished pods are counted while they exist (no tracking finalizer); counts already in the status
 * never go down, so a counted pod deleted later is not run again, though a deletion coinciding with
 * a new finish can hide that one.
 */
public record JobPlan(
    int create,
    List<Integer> indexes,
    List<Pod> delete,
    JobStatus status,
    Duration requeueAfter,
    List<JobEvent> events) {

  /** An Event about the Job. */
  public record JobEvent(boolean warning, String reason, String message) {}

  /** The plan for {@code job} owning {@code pods} at {@code now}. */
  public static JobPlan of(Job job, List<Pod> pods, Instant now, Backoff backoff) {
    return new Planner(job, pods, now, backoff).plan();
  }

  private static final class Planner {
    private final Job job;
    private final JobSpec spec;
    private final Instant now;
    private final Backoff backoff;
    private final JobStatus status;
    private final JobConditions conditions;
    private final boolean indexed;
    private final Integer completions;
    private final int parallelism;
    private final List<Pod> active = new ArrayList<>();
    private final List<Pod> succeededPods = new ArrayList<>();
    private final List<Pod> failedPods = new ArrayList<>();
    private final List<Pod> delete = new ArrayList<>();
    private final List<JobEvent> events = new ArrayList<>();
    private final SortedSet<Integer> completed = new TreeSet<>();
    private final SortedSet<Integer> failedIndexes;
    private Duration requeue;

    Planner(Job job, List<Pod> pods, Instant now, Backoff backoff) {
      this.job = job;
      this.spec = job.getSpec();
      this.now = now;
      this.backoff = backoff;
      this.status =
          job.getStatus() == null ? new JobStatus() : new JobStatusBuilder(job.getStatus()).build();
      this.conditions = new JobConditions(status, now);
      this.indexed = "Indexed".equals(spec.getCompletionMode());
      this.completions = spec.getCompletions();
      this.parallelism = spec.getParallelism() == null ? 1 : spec.getParallelism();
      this.failedIndexes = indexed ? Indexes.parse(status.getFailedIndexes()) : new TreeSet<>();
      for (Pod p : pods) {
        if (JobPods.succeeded(p)) {
          succeededPods.add(p);
        } else if (JobPods.failed(p)) {
          failedPods.add(p);
        } else if (Pods.active(p)) {
          active.add(p);
        }
      }
      failedPods.sort(Comparator.comparing(JobPods::finishTime));
    }

    JobPlan plan() {
      if (conditions.isTrue("Complete") || conditions.isTrue("Failed")) {
        return result(0, List.of()); // finished: nothing more to do
      }
      Instant lastSuccess = countSucceeded();
      FailureCount failures = countFailed(lastSuccess);
      boolean suspended = Boolean.TRUE.equals(spec.getSuspend());
      if (!suspended) {
        if (conditions.isTrue("Suspended")) {
          conditions.set("Suspended", "False", "JobResumed", "Job resumed");
          events.add(new JobEvent(false, "Resumed", "Job resumed"));
          status.setStartTime(format(now)); // restarts the activeDeadlineSeconds timer
        } else if (status.getStartTime() == null) {
          status.setStartTime(format(now));
        }
      }
      if (!conditions.isTrue("FailureTarget") && !conditions.isTrue("SuccessCriteriaMet")) {
        judge(failures, suspended);
      }
      if (conditions.isTrue("FailureTarget") || conditions.isTrue("SuccessCriteriaMet")) {
        return finish();
      }
      if (suspended) {
        delete.addAll(active);
        if (!conditions.isTrue("Suspended")) {
          conditions.set("Suspended", "True", "JobSuspended", "Job suspended");
          events.add(new JobEvent(false, "Suspended", "Job suspended"));
        }
        return result(0, List.of());
      }
      return indexed ? manageIndexed(failures) : manage(failures);
    }

    /** Counts successes; returns when the latest one finished, or null. */
    private Instant countSucceeded() {
      Instant last = null;
      for (Pod p : succeededPods) {
        Integer i = JobPods.index(p);
        if (indexed && (i == null || completions == null || i < 0 || i >= completions)) {
          continue;
        }
        if (indexed) {
          completed.add(i);
        }
        Instant t = JobPods.finishTime(p);
        last = last == null || t.isAfter(last) ? t : last;
      }
      // a finished pod deleted since (by a user or pod GC) stays counted: counts never go down
      int before = status.getSucceeded() == null ? 0 : status.getSucceeded();
      if (indexed) {
        Indexes.parse(status.getCompletedIndexes()).stream()
            .filter(i -> i < completions)
            .forEach(completed::add);
      }
      status.setSucceeded(indexed ? completed.size() : Math.max(before, succeededPods.size()));
      status.setCompletedIndexes(indexed ? Indexes.format(completed) : null);
      return last;
    }

    /** Failures as the pod failure policy counts them. */
    private record FailureCount(int counted, int sinceSuccess, Instant last, String failJob) {}

    private FailureCount countFailed(Instant lastSuccess) {
      int counted = 0;
      int sinceSuccess = 0;
      Instant last = null;
      String failJob = null;
      for (Pod p : failedPods) {
        Match m = PodFailurePolicies.match(spec.getPodFailurePolicy(), p);
        switch (m.action()) {
          case IGNORE -> {
            continue;
          }
          case FAIL_JOB ->
              failJob =
                  failJob != null
                      ? failJob
                      : "Pod "
                          + p.getMetadata().getNamespace()
                          + "/"
                          + p.getMetadata().getName()
                          + " failed matching FailJob rule at index "
                          + m.rule();
          case FAIL_INDEX -> {
            Integer i = JobPods.index(p);
            if (indexed && i != null && !completed.contains(i)) {
              failedIndexes.add(i);
            }
          }
          case COUNT -> {}
        }
        counted++;
        Instant t = JobPods.finishTime(p);
        if (lastSuccess == null || t.isAfter(lastSuccess)) {
          sinceSuccess++;
        }
        last = last == null || t.isAfter(last) ? t : last;
      }
      counted = Math.max(counted, status.getFailed() == null ? 0 : status.getFailed());
      status.setFailed(counted);
      status.setFailedIndexes(
          indexed && (spec.getBackoffLimitPerIndex() != null || !failedIndexes.isEmpty())
              ? Indexes.format(failedIndexes)
              : null);
      return new FailureCount(counted, sinceSuccess, last, failJob);
    }

    /** Adds FailureTarget or SuccessCriteriaMet when the Job has failed or succeeded. */
    private void judge(FailureCount failures, boolean suspended) {
      String reason = null;
      String message = null;
      if (failures.failJob() != null) {
        reason = "PodFailurePolicy";
        message = failures.failJob();
      } else if (pastBackoffLimit(failures)) {
        reason = "BackoffLimitExceeded";
        message = "Job has reached the specified backoff limit";
      } else if (!suspended && deadline() != null && !now.isBefore(deadline())) {
        reason = "DeadlineExceeded";
        message = "Job was active longer than specified deadline";
      } else if (indexed && !failedIndexes.isEmpty() && allIndexesDone()) {
        reason = "FailedIndexes";
        message = "Job has failed indexes";
      }
      if (reason != null) {
        conditions.set("FailureTarget", "True", reason, message);
        events.add(new JobEvent(true, reason, message));
      } else if (succeeded()) {
        conditions.set(
            "SuccessCriteriaMet",
            "True",
            "CompletionsReached",
            "Reached expected number of succeeded pods");
      }
    }

    private boolean pastBackoffLimit(FailureCount failures) {
      int limit = spec.getBackoffLimit() == null ? 6 : spec.getBackoffLimit();
      if (failures.counted() > limit) {
        return true;
      }
      String restartPolicy = spec.getTemplate().getSpec().getRestartPolicy();
      if (!"OnFailure".equals(restartPolicy)) {
        return false;
      }
      int restarts = active.stream().mapToInt(JobPods::restarts).sum();
      // as Kubernetes: with OnFailure, container restarts of running pods count on their own
      return limit == 0 ? restarts > 0 : restarts >= limit;
    }

    private Instant deadline() {
      Long seconds = spec.getActiveDeadlineSeconds();
      return seconds == null || status.getStartTime() == null
          ? null
          : Instant.parse(status.getStartTime()).plusSeconds(seconds);
    }

    private boolean allIndexesDone() {
      return completions != null && completed.size() + failedIndexes.size() >= completions;
    }

    private boolean succeeded() {
      if (indexed) {
        return completions != null && completed.size() >= completions;
      }
      int ok = status.getSucceeded();
      return completions == null ? ok > 0 && active.isEmpty() : ok >= completions;
    }

    /** Deletes what is still running; adds Complete or Failed once nothing is. */
    private JobPlan finish() {
      delete.addAll(active);
      if (active.isEmpty()) {
        if (conditions.isTrue("FailureTarget")) {
          var target = conditions.get("FailureTarget");
          conditions.set("Failed", "True", target.getReason(), target.getMessage());
        } else {
          conditions.set(
              "Complete",
              "True",
              "CompletionsReached",
              "Reached expected number of succeeded pods");
          status.setCompletionTime(format(now));
          events.add(new JobEvent(false, "Completed", "Job completed"));
        }
      }
      return result(0, List.of());
    }

    private JobPlan manage(FailureCount failures) {
      int want;
      if (completions == null) {
        want = status.getSucceeded() > 0 ? Math.min(active.size(), parallelism) : parallelism;
      } else {
        want = Math.max(0, Math.min(parallelism, completions - status.getSucceeded()));
      }
      int diff = active.size() - want;
      if (diff > 0) {
        delete.addAll(surplus(active, diff));
        return result(0, List.of());
      }
      return result(backedOff(failures) ? 0 : -diff, List.of());
    }

    private JobPlan manageIndexed(FailureCount failures) {
      List<Pod> running = new ArrayList<>();
      SortedSet<Integer> runningIndexes = new TreeSet<>();
      for (Pod p : active.stream().sorted(Comparator.comparing(Planner::created)).toList()) {
        Integer i = JobPods.index(p);
        boolean valid = i != null && i >= 0 && i < completions;
        if (!valid
            || completed.contains(i)
            || failedIndexes.contains(i)
            || !runningIndexes.add(i)) {
          delete.add(p); // no index, done already, or a duplicate
        } else {
          running.add(p);
        }
      }
      int want = Math.min(parallelism, completions - completed.size() - failedIndexes.size());
      int diff = running.size() - Math.max(0, want);
      if (diff > 0) {
        running.sort(Comparator.comparing(p -> -JobPods.index(p)));
        delete.addAll(running.subList(0, diff));
        return result(0, List.of());
      }
      List<Integer> pending = new ArrayList<>();
      for (int i = 0; i < completions && pending.size() < -diff; i++) {
        if (!completed.contains(i) && !failedIndexes.contains(i) && !runningIndexes.contains(i)) {
          pending.add(i);
        }
      }
      if (backedOff(failures)) {
        pending.clear();
      }
      return result(pending.size(), pending);
    }

    /** Whether replacing failed pods must wait; if so, schedules the next look. */
    private boolean backedOff(FailureCount failures) {
      if (failures.last() == null) {
        return false;
      }
      Instant until = failures.last().plus(backoff.delay(failures.sinceSuccess()));
      if (now.isBefore(until)) {
        requeueAt(until);
        return true;
      }
      return false;
    }

    /** Pods to delete first: not ready before ready, newest before oldest. */
    private static List<Pod> surplus(List<Pod> pods, int n) {
      return pods.stream()
          .sorted(
              Comparator.comparing((Pod p) -> Pods.ready(p))
                  .thenComparing(Comparator.comparing(Planner::created).reversed()))
          .limit(n)
          .toList();
    }

    private static String created(Pod p) {
      String c = p.getMetadata().getCreationTimestamp();
      return c == null ? "" : c;
    }

    private void requeueAt(Instant at) {
      Duration d = Duration.between(now, at);
      if (requeue == null || d.compareTo(requeue) < 0) {
        requeue = d;
      }
    }

    private JobPlan result(int create, List<Integer> indexes) {
      Instant deadline = deadline();
      if (deadline != null && !conditions.finishing() && !Boolean.TRUE.equals(spec.getSuspend())) {
        requeueAt(deadline);
      }
      List<Pod> stillActive = active.stream().filter(p -> !delete.contains(p)).toList();
      status.setActive(stillActive.size() + create);
      status.setReady((int) stillActive.stream().filter(Pods::ready).count());
      return new JobPlan(
          create, List.copyOf(indexes), List.copyOf(delete), status, requeue, List.copyOf(events));
    }
  }

  static String format(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
