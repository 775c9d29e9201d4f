package io.nauta.controllers.ttlafterfinished;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Syncs each Job: when it has finished and has a TTL, deletes it once the TTL has passed since it
 * finished (checking the live Job first, so a TTL just lengthened is honoured), or looks again when
 * it will have.
 */
public final class TtlAfterFinishedController extends Controller {
  private final KubernetesClient client;
  private final Informers informers;
  private final Clock clock;

  public TtlAfterFinishedController(KubernetesClient client, Informers informers, Clock clock) {
    super("ttl-after-finished", 2);
    this.client = client;
    this.informers = informers;
    this.clock = clock;
    informers
        .of(Job.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Job job) {
                enqueueIfExpiring(job);
              }

              @Override
              public void onUpdate(Job old, Job job) {
                enqueueIfExpiring(job);
              }

              @Override
              public void onDelete(Job job, boolean unknown) {}
            });
  }

  private void enqueueIfExpiring(Job job) {
    if (expiresAt(job).isPresent()) {
      enqueue(job);
    }
  }

  @Override
  protected void sync(String key) {
    Job cached = informers.get(Job.class, key);
    Optional<Duration> cachedLeft = timeLeft(cached, clock.instant());
    if (cachedLeft.isEmpty()) {
      return;
    }
    if (!cachedLeft.get().isZero()) {
      queue.addAfter(key, cachedLeft.get());
      return;
    }
    String ns = cached.getMetadata().getNamespace();
    var resource =
        client.batch().v1().jobs().inNamespace(ns).withName(cached.getMetadata().getName());
    Job live = resource.get();
    if (live == null || !live.getMetadata().getUid().equals(cached.getMetadata().getUid())) {
      return;
    }
    Optional<Duration> left = timeLeft(live, clock.instant());
    if (left.isEmpty()) {
      return;
    }
    if (!left.get().isZero()) {
      queue.addAfter(key, left.get());
      return;
    }
    try {
      resource.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /**
   * How long until {@code job} is due for deletion at {@code now}: zero when due, empty when it is
   * not to be deleted (no TTL, not finished, or already being deleted).
   */
  static Optional<Duration> timeLeft(Job job, Instant now) {
    return job == null
        ? Optional.empty()
        : expiresAt(job).map(at -> now.isBefore(at) ? Duration.between(now, at) : Duration.ZERO);
  }

  /** When {@code job} expires: its finish time plus its TTL; empty if it never does. */
  static Optional<Instant> expiresAt(Job job) {
    if (job.getMetadata().getDeletionTimestamp() != null
        || job.getSpec() == null
        || job.getSpec().getTtlSecondsAfterFinished() == null) {
      return Optional.empty();
    }
    return finishedAt(job).map(t -> t.plusSeconds(job.getSpec().getTtlSecondsAfterFinished()));
  }

  /**
   * When the Job finished: its completion time, else its Complete/Failed condition's transition.
   */
  static Optional<Instant> finishedAt(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    for (JobCondition c : job.getStatus().getConditions()) {
      boolean finished = "Complete".equals(c.getType()) || "Failed".equals(c.getType());
      if (finished && "True".equals(c.getStatus())) {
        String t =
            "Complete".equals(c.getType()) && job.getStatus().getCompletionTime() != null
                ? job.getStatus().getCompletionTime()
                : c.getLastTransitionTime();
        return Optional.of(t == null ? Instant.EPOCH : Instant.parse(t));
      }
    }
    return Optional.empty();
  }
}
