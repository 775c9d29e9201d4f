package io.nauta.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.api.labels.LabelSelector;
import io.nauta.client.events.EventRecorder;
import io.nauta.client.labels.LabelSelectors;
import io.nauta.controllers.job.JobPlan.JobEvent;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Expectations;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.OwnedPodHandler;
import io.nauta.controllers.runtime.PodClaims;
import io.nauta.controllers.runtime.PodControl;
import io.nauta.controllers.runtime.WrittenVersions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Syncs each Job: claims its pods (by its selector, adopting orphans), lets {@link JobPlan} decide,
 * then creates and deletes pods through {@link PodControl} (Events SuccessfulCreate and
 * SuccessfulDelete), records the plan's Events and writes the status with the version it was
 * computed from. Expectations keep it from creating twice before its informer has seen its own
 * creations; timed work (backoff, deadlines) comes back through {@code queue.addAfter}.
 */
public final class JobController extends Controller {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(JobController.class);

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Expectations expectations;
  private final Clock clock;
  private final Backoff backoff;
  private final PodControl pods;
  private final WrittenVersions written = new WrittenVersions();

  public JobController(
      KubernetesClient client,
      Informers informers,
      EventRecorder events,
      Clock clock,
      Backoff backoff) {
    super("job", 5);
    this.client = client;
    this.informers = informers;
    this.events = events.as("job-controller");
    this.clock = clock;
    this.backoff = backoff;
    this.expectations = new Expectations(clock);
    this.pods = new PodControl(client, this.events, expectations, "job");
    informers.of(Job.class).addEventHandler(new JobHandler());
    informers
        .of(Pod.class)
        .addEventHandler(
            new OwnedPodHandler<>(
                this,
                informers,
                expectations,
                Job.class,
                "Job",
                job -> LabelSelectors.compile(job.getSpec().getSelector())));
  }

  @Override
  protected void sync(String key) throws Exception {
    Job job = informers.get(Job.class, key);
    if (job == null) {
      expectations.delete(key);
      written.forget(key);
      return;
    }
    if (written.stale(key, job)) {
      LOG.debug("{}: waiting for the informer to see this controller's last status write", key);
      return;
    }
    if (job.getMetadata().getDeletionTimestamp() != null) {
      return; // the garbage collector removes its pods
    }
    String ns = job.getMetadata().getNamespace();
    LabelSelector selector = LabelSelectors.compile(job.getSpec().getSelector());
    List<Pod> owned = PodClaims.claim(client, job, selector, informers.list(Pod.class, ns));
    expectations.settleDeletions(key, informers::podGoneOrTerminating);
    if (!expectations.satisfied(key)) {
      LOG.debug("{}: waiting for {}", key, expectations.describe(key));
      return;
    }
    JobPlan plan = JobPlan.of(job, owned, clock.instant(), backoff);
    if (!plan.delete().isEmpty()) {
      pods.delete(job, key, plan.delete());
    }
    if (plan.create() > 0) {
      List<Integer> indexes = plan.indexes();
      pods.create(
          job,
          key,
          plan.create(),
          i -> JobPods.newPod(job, indexes.isEmpty() ? null : indexes.get(i)));
    }
    writeStatus(key, job, plan.status());
    for (JobEvent e : plan.events()) {
      if (e.warning()) {
        events.warning(job, e.reason(), e.message());
      } else {
        events.normal(job, e.reason(), e.message());
      }
    }
    if (plan.requeueAfter() != null) {
      queue.addAfter(key, plan.requeueAfter().plusMillis(50));
    }
  }

  private void writeStatus(String key, Job job, JobStatus next) {
    if (Objects.equals(job.getStatus(), next)) {
      return;
    }
    try {
      // a replace of the status locked to the cached version: if the Job changed meanwhile (409),
      // the sync runs again on the newer one
      Job withStatus = new JobBuilder(job).withStatus(next).build();
      written.wrote(
          key,
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(job.getMetadata().getNamespace())
              .resource(withStatus)
              .updateStatus());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private final class JobHandler implements ResourceEventHandler<Job> {
    @Override
    public void onAdd(Job job) {
      enqueue(job);
    }

    @Override
    public void onUpdate(Job old, Job job) {
      enqueue(job);
    }

    @Override
    public void onDelete(Job job, boolean unknown) {
      expectations.delete(key(job));
      written.forget(key(job));
    }
  }

  @Override
  public void close() {
    super.close();
    pods.close();
  }
}
