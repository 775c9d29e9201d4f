package io.nauta.controllers.statefulset;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A StatefulSet's status: replicas (pods not being deleted), ready and available ones, how many run
 * the current and the update revision, and the two revisions' names. Once a RollingUpdate has
 * brought every pod to the update revision and all are ready, the update revision becomes the
 * current one, as {@code kubectl rollout status sts/x} expects. Written as a merge patch locked to
 * the cached version.
 */
final class StatefulSetStatusWriter {
  private final KubernetesClient client;
  private final WorkQueue queue;

  StatefulSetStatusWriter(KubernetesClient client, WorkQueue queue) {
    this.client = client;
    this.queue = queue;
  }

  /** The status for these pods. */
  static StatefulSetStatus compute(
      StatefulSet set,
      List<OrdinalPlan.PodState> pods,
      String currentRevision,
      String updateRevision) {
    int replicas = 0;
    int readyCount = 0;
    int available = 0;
    int current = 0;
    int updated = 0;
    for (OrdinalPlan.PodState p : pods) {
      if (p.terminating()) {
        continue;
      }
      replicas++;
      readyCount += p.ready() ? 1 : 0;
      available += p.healthy() ? 1 : 0;
      current += currentRevision.equals(p.revision()) ? 1 : 0;
      updated += updateRevision.equals(p.revision()) ? 1 : 0;
    }
    int wanted = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
    boolean rolling =
        set.getSpec().getUpdateStrategy() == null
            || !"OnDelete".equals(set.getSpec().getUpdateStrategy().getType());
    if (rolling && updated == wanted && replicas == wanted && readyCount == wanted) {
      currentRevision = updateRevision;
      current = updated;
    }
    StatefulSetStatus old = set.getStatus() == null ? new StatefulSetStatus() : set.getStatus();
    return new StatefulSetStatusBuilder()
        .withObservedGeneration(set.getMetadata().getGeneration())
        .withReplicas(replicas)
        .withReadyReplicas(readyCount)
        .withAvailableReplicas(available)
        .withCurrentReplicas(current)
        .withUpdatedReplicas(updated)
        .withCurrentRevision(currentRevision)
        .withUpdateRevision(updateRevision)
        .withCollisionCount(old.getCollisionCount() == null ? 0 : old.getCollisionCount())
        .withConditions(old.getConditions())
        .build();
  }

  void write(
      StatefulSet set,
      List<OrdinalPlan.PodState> pods,
      String currentRevision,
      String updateRevision,
      int minReady) {
    StatefulSetStatus next = compute(set, pods, currentRevision, updateRevision);
    StatefulSetStatus old = set.getStatus() == null ? new StatefulSetStatus() : set.getStatus();
    if (!same(old, next)) {
      try {
        client
            .apps()
            .statefulSets()
            .inNamespace(set.getMetadata().getNamespace())
            .resource(new StatefulSetBuilder(set).withStatus(next).build())
            .patchStatus();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
    if (minReady > 0 && next.getReadyReplicas() > next.getAvailableReplicas()) {
      queue.addAfter(Controller.key(set), Duration.ofSeconds(minReady));
    }
  }

  private static boolean same(StatefulSetStatus a, StatefulSetStatus b) {
    return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
        && nz(a.getReplicas()) == nz(b.getReplicas())
        && nz(a.getReadyReplicas()) == nz(b.getReadyReplicas())
        && nz(a.getAvailableReplicas()) == nz(b.getAvailableReplicas())
        && nz(a.getCurrentReplicas()) == nz(b.getCurrentReplicas())
        && nz(a.getUpdatedReplicas()) == nz(b.getUpdatedReplicas())
        && Objects.equals(a.getCurrentRevision(), b.getCurrentRevision())
        && Objects.equals(a.getUpdateRevision(), b.getUpdateRevision());
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }
}
