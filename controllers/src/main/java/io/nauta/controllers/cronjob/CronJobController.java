package io.nauta.controllers.cronjob;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.client.events.EventRecorder;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.PodControl;
import io.nauta.controllers.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Syncs each CronJob: settles status.active against its Jobs (Event SawCompletedJob), prunes
 * history, and when a schedule time is due creates its Job (Events SuccessfulCreate, and
 * SuccessfulDelete for Jobs replaced or pruned), then looks again at the next schedule time. A
 * schedule without time zone runs on the injected clock's zone.
 */
public final class CronJobController extends Controller {
  public static final String SCHEDULED_TIMESTAMP =
      "batch.kubernetes.io/cronjob-scheduled-timestamp";

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Clock clock;

  public CronJobController(
      KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
    super("cronjob", 2);
    this.client = client;
    this.informers = informers;
    this.events = events.as("cronjob-controller");
    this.clock = clock;
    informers.of(CronJob.class).addEventHandler(new CronJobHandler());
    informers.of(Job.class).addEventHandler(new JobHandler());
  }

  @Override
  protected void sync(String key) throws Exception {
    CronJob cj = informers.get(CronJob.class, key);
    if (cj == null) {
      return;
    }
    Instant now = clock.instant();
    CronJobSpec spec = cj.getSpec();
    List<Job> jobs = owned(cj);
    CronJobStatus status =
        cj.getStatus() == null
            ? new CronJobStatus()
            : new CronJobStatusBuilder(cj.getStatus()).build();
    List<ObjectReference> active = settleActive(cj, jobs, status);
    status.setActive(active);
    if (cj.getMetadata().getDeletionTimestamp() != null) {
      writeStatus(cj, status);
      return;
    }
    pruneHistory(cj, jobs);
    if (Boolean.TRUE.equals(spec.getSuspend())) {
      writeStatus(cj, status);
      return;
    }
    String schedule = spec.getSchedule();
    ZoneId zone = clock.getZone();
    try {
      if (spec.getTimeZone() != null) {
        zone = ZoneId.of(spec.getTimeZone());
      } else if (schedule.startsWith("TZ=") || schedule.startsWith("CRON_TZ=")) {
        // accepted from CronJobs created before the API server refused it
        int space = schedule.indexOf(' ');
        zone = ZoneId.of(schedule.substring(schedule.indexOf('=') + 1, space));
        schedule = schedule.substring(space + 1);
      }
    } catch (RuntimeException e) {
      events.warning(cj, "UnknownTimeZone", "invalid timeZone: " + spec.getTimeZone());
      writeStatus(cj, status);
      return;
    }
    CronSchedule cron;
    try {
      cron = CronSchedule.parse(schedule);
    } catch (IllegalArgumentException e) {
      events.warning(cj, "UnparseableSchedule", "unparseable schedule: " + e.getMessage());
      writeStatus(cj, status);
      return;
    }
    Instant earliest =
        Instant.parse(
            status.getLastScheduleTime() != null
                ? status.getLastScheduleTime()
                : cj.getMetadata().getCreationTimestamp());
    Long deadline = spec.getStartingDeadlineSeconds();
    if (deadline != null && earliest.isBefore(now.minusSeconds(deadline))) {
      earliest = now.minusSeconds(deadline);
    }
    ScheduleTimes times = ScheduleTimes.of(cron, zone, earliest, now);
    if (times.tooManyMissed()) {
      events.warning(
          cj,
          "TooManyMissedTimes",
          "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check"
              + " clock skew");
    }
    if (times.next() != null) {
      queue.addAfter(key, Duration.between(now, times.next()).plusMillis(100));
    }
    if (times.latest() != null) {
      run(cj, times.latest(), zone, jobs, status);
    }
    writeStatus(cj, status);
  }

  /** Starts the run scheduled at {@code at}, as the concurrency policy allows. */
  private void run(CronJob cj, Instant at, ZoneId zone, List<Job> jobs, CronJobStatus status) {
    String name = cj.getMetadata().getName() + "-" + at.getEpochSecond() / 60;
    if (jobs.stream().anyMatch(j -> j.getMetadata().getName().equals(name))) {
      return; // ran already
    }
    List<ObjectReference> active = status.getActive();
    String policy = Objects.requireNonNullElse(cj.getSpec().getConcurrencyPolicy(), "Allow");
    if ("Forbid".equals(policy) && !active.isEmpty()) {
      return; // stays due until the running Job finishes (or the starting deadline passes)
    }
    if ("Replace".equals(policy)) {
      for (ObjectReference ref : List.copyOf(active)) {
        deleteJob(cj, ref.getName());
        active.remove(ref);
      }
    }
    Job job = newJob(cj, name, at, zone);
    Job created;
    try {
      created =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(job.getMetadata().getNamespace())
              .resource(job)
              .create();
      events.normal(cj, "SuccessfulCreate", "Created job " + name);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        events.warning(cj, "FailedCreate", "Error creating job: " + PodControl.message(e));
        throw e;
      }
      created =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(job.getMetadata().getNamespace())
              .withName(name)
              .get();
      OwnerReference ref = created == null ? null : Pods.controllerOf(created);
      if (ref == null || !cj.getMetadata().getUid().equals(ref.getUid())) {
        return; // someone else's Job of that name
      }
    }
    if (JobHistory.finished(created) == null) {
      active.add(reference(created));
    }
    status.setLastScheduleTime(at.toString());
  }

  private Job newJob(CronJob cj, String name, Instant at, ZoneId zone) {
    var template = cj.getSpec().getJobTemplate();
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (template.getMetadata() != null) {
      if (template.getMetadata().getLabels() != null) {
        labels.putAll(template.getMetadata().getLabels());
      }
      if (template.getMetadata().getAnnotations() != null) {
        annotations.putAll(template.getMetadata().getAnnotations());
      }
    }
    annotations.put(
        SCHEDULED_TIMESTAMP, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone)));
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(cj.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(PodControl.controllerRef(cj))
        .endMetadata()
        .withSpec(template.getSpec())
        .build();
  }

  /** status.active without Jobs that finished or are gone; records when the last one succeeded. */
  private List<ObjectReference> settleActive(CronJob cj, List<Job> jobs, CronJobStatus status) {
    List<ObjectReference> active = new ArrayList<>();
    List<ObjectReference> old = status.getActive() == null ? List.of() : status.getActive();
    for (ObjectReference ref : old) {
      Job job =
          jobs.stream()
              .filter(j -> j.getMetadata().getUid().equals(ref.getUid()))
              .findFirst()
              .orElse(null);
      if (job == null) {
        // not in the cache: gone, or created so recently the informer has not seen it
        job =
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(ref.getNamespace())
                .withName(ref.getName())
                .get();
        if (job == null || !job.getMetadata().getUid().equals(ref.getUid())) {
          continue;
        }
      }
      String how = JobHistory.finished(job);
      if (how == null) {
        active.add(ref);
      } else {
        events.normal(
            cj, "SawCompletedJob", "Saw completed job: " + ref.getName() + ", condition: " + how);
      }
    }
    for (Job j : jobs) {
      String done = j.getStatus() == null ? null : j.getStatus().getCompletionTime();
      if ("Complete".equals(JobHistory.finished(j))
          && done != null
          && (status.getLastSuccessfulTime() == null
              || Instant.parse(done).isAfter(Instant.parse(status.getLastSuccessfulTime())))) {
        status.setLastSuccessfulTime(done);
      }
    }
    return active;
  }

  private void pruneHistory(CronJob cj, List<Job> jobs) {
    int successful = Objects.requireNonNullElse(cj.getSpec().getSuccessfulJobsHistoryLimit(), 3);
    int failed = Objects.requireNonNullElse(cj.getSpec().getFailedJobsHistoryLimit(), 1);
    for (Job j : JobHistory.beyondLimits(jobs, successful, failed)) {
      deleteJob(cj, j.getMetadata().getName());
    }
  }

  private void deleteJob(CronJob cj, String name) {
    try {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(cj.getMetadata().getNamespace())
          .withName(name)
          .withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();
      events.normal(cj, "SuccessfulDelete", "Deleted job " + name);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        events.warning(cj, "FailedDelete", "Deleted job: " + PodControl.message(e));
      }
    }
  }

  private void writeStatus(CronJob cj, CronJobStatus next) {
    CronJobStatus old = cj.getStatus() == null ? new CronJobStatus() : cj.getStatus();
    if (old.equals(next)) {
      return;
    }
    try {
      // a replace locked to the cached version (a 409 syncs again); it also clears status.active
      CronJob withStatus = new CronJobBuilder(cj).withStatus(next).build();
      client
          .batch()
          .v1()
          .cronjobs()
          .inNamespace(cj.getMetadata().getNamespace())
          .resource(withStatus)
          .updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static ObjectReference reference(Job j) {
    return new ObjectReferenceBuilder()
        .withApiVersion("batch/v1")
        .withKind("Job")
        .withName(j.getMetadata().getName())
        .withNamespace(j.getMetadata().getNamespace())
        .withUid(j.getMetadata().getUid())
        .withResourceVersion(j.getMetadata().getResourceVersion())
        .build();
  }

  /** The Jobs {@code cj} controls. */
  private List<Job> owned(CronJob cj) {
    String uid = cj.getMetadata().getUid();
    return informers.list(Job.class, cj.getMetadata().getNamespace()).stream()
        .filter(
            j -> {
              OwnerReference ref = Pods.controllerOf(j);
              return ref != null && uid.equals(ref.getUid());
            })
        .toList();
  }

  private void enqueueOwner(Job j) {
    OwnerReference ref = Pods.controllerOf(j);
    if (ref != null && "CronJob".equals(ref.getKind())) {
      enqueue(j.getMetadata().getNamespace() + "/" + ref.getName());
    }
  }

  private final class CronJobHandler implements ResourceEventHandler<CronJob> {
    @Override
    public void onAdd(CronJob cj) {
      enqueue(cj);
    }

    @Override
    public void onUpdate(CronJob old, CronJob cj) {
      enqueue(cj);
    }

    @Override
    public void onDelete(CronJob cj, boolean unknown) {}
  }

  private final class JobHandler implements ResourceEventHandler<Job> {
    @Override
    public void onAdd(Job j) {
      enqueueOwner(j);
    }

    @Override
    public void onUpdate(Job old, Job j) {
      enqueueOwner(j);
    }

    @Override
    public void onDelete(Job j, boolean unknown) {
      enqueueOwner(j);
    }
  }
}
