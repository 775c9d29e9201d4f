package io.nauta.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.controllers.history.Revisions;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.PodClaims;
import io.nauta.controllers.runtime.Pods;
import io.nauta.controllers.runtime.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DaemonSet's status as Kubernetes counts it, node by node: desired (nodes that should run it),
 * current (those that run a pod), misscheduled (pods where none should run), and of each node's
 * oldest pod whether it is ready, available (ready for minReadySeconds) and of the current
 * revision. Written as a merge patch locked to the cached version; collisionCount is left alone.
 */
final class DaemonSetStatusWriter {
  private final KubernetesClient client;
  private final WorkQueue queue;

  DaemonSetStatusWriter(KubernetesClient client, WorkQueue queue) {
    this.client = client;
    this.queue = queue;
  }

  static DaemonSetStatus compute(
      DaemonSet ds, List<DaemonPlan.NodePods> nodes, String hash, int minReady, Instant now) {
    int desired = 0;
    int current = 0;
    int misscheduled = 0;
    int ready = 0;
    int available = 0;
    int updated = 0;
    for (DaemonPlan.NodePods n : nodes) {
      boolean run = n.decision().shouldRun();
      if (!run) {
        misscheduled += n.pods().isEmpty() ? 0 : 1;
        continue;
      }
      desired++;
      if (n.pods().isEmpty()) {
        continue;
      }
      current++;
      List<Pod> sorted = new ArrayList<>(n.pods());
      sorted.sort(DaemonPlan.OLDEST_FIRST);
      Pod oldest = sorted.get(0);
      if (Pods.ready(oldest)) {
        ready++;
        available += Pods.available(oldest, minReady, now) ? 1 : 0;
      }
      updated += hash.equals(PodClaims.labels(oldest).get(Revisions.HASH_LABEL)) ? 1 : 0;
    }
    DaemonSetStatus old = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
    return new DaemonSetStatusBuilder()
        .withDesiredNumberScheduled(desired)
        .withCurrentNumberScheduled(current)
        .withNumberMisscheduled(misscheduled)
        .withNumberReady(ready)
        .withNumberAvailable(available)
        .withNumberUnavailable(desired - available)
        .withUpdatedNumberScheduled(updated)
        .withObservedGeneration(ds.getMetadata().getGeneration())
        .withCollisionCount(old.getCollisionCount())
        .withConditions(old.getConditions())
        .build();
  }

  void write(
      DaemonSet ds, List<DaemonPlan.NodePods> nodes, String hash, int minReady, Instant now) {
    DaemonSetStatus next = compute(ds, nodes, hash, minReady, now);
    DaemonSetStatus old = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
    if (!same(old, next)) {
      try {
        client
            .apps()
            .daemonSets()
            .inNamespace(ds.getMetadata().getNamespace())
            .resource(new DaemonSetBuilder(ds).withStatus(next).build())
            .patchStatus();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
    if (minReady > 0 && next.getNumberReady() > next.getNumberAvailable()) {
      // availability comes with time, not with an event
      queue.addAfter(Controller.key(ds), Duration.ofSeconds(minReady));
    }
  }

  private static boolean same(DaemonSetStatus a, DaemonSetStatus b) {
    return nz(a.getDesiredNumberScheduled()) == nz(b.getDesiredNumberScheduled())
        && nz(a.getCurrentNumberScheduled()) == nz(b.getCurrentNumberScheduled())
        && nz(a.getNumberMisscheduled()) == nz(b.getNumberMisscheduled())
        && nz(a.getNumberReady()) == nz(b.getNumberReady())
        && nz(a.getNumberAvailable()) == nz(b.getNumberAvailable())
        && nz(a.getNumberUnavailable()) == nz(b.getNumberUnavailable())
        && nz(a.getUpdatedNumberScheduled()) == nz(b.getUpdatedNumberScheduled())
        && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration());
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }
}
