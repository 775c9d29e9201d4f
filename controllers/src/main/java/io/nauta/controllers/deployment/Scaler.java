package io.nauta.controllers.deployment;

import static io.nauta.controllers.deployment.DeploymentController.DESIRED;
import static io.nauta.controllers.deployment.DeploymentController.MAX;
import static io.nauta.controllers.deployment.DeploymentController.MERGE;
import static io.nauta.controllers.deployment.DeploymentController.available;
import static io.nauta.controllers.deployment.DeploymentController.json;
import static io.nauta.controllers.deployment.DeploymentController.limits;
import static io.nauta.controllers.deployment.DeploymentController.nz;
import static io.nauta.controllers.deployment.DeploymentController.replicas;
import static io.nauta.controllers.deployment.DeploymentController.strategy;
import static io.nauta.controllers.deployment.DeploymentController.total;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.client.events.EventRecorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How a Deployment sizes its ReplicaSets: RollingUpdate (grow the new set within maxSurge, shrink
 * old ones as availability allows within maxUnavailable), Recreate (old sets to zero, then the new
 * one up), and resizing ({@link ProportionalScaling}). Every change is a merge patch locked to the
 * version the decision was made on, recording the Deployment's desired and max replicas on the set
 * and an Event ScalingReplicaSet.
 */
final class Scaler {
  private final KubernetesClient client;
  private final EventRecorder events;

  Scaler(KubernetesClient client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  void recreate(Deployment d, ReplicaSet current, List<ReplicaSet> old) {
    boolean oldRunning = false;
    for (ReplicaSet rs : old) {
      if (replicas(rs) > 0) {
        scale(d, rs, 0);
      }
      if (rs.getStatus() != null && nz(rs.getStatus().getReplicas()) > 0) {
        oldRunning = true;
      }
    }
    if (!oldRunning && old.stream().allMatch(rs -> replicas(rs) == 0)) {
      if (replicas(current) != replicas(d)) {
        scale(d, current, replicas(d));
      }
    }
  }

  void rollingUpdate(Deployment d, ReplicaSet current, List<ReplicaSet> old) {
    int replicas = replicas(d);
    int[] limits = limits(d);
    List<ReplicaSet> all = new ArrayList<>(old);
    all.add(current);
    // grow the new set within the surge
    if (replicas(current) > replicas) {
      scale(d, current, replicas);
    } else {
      int up = Rollout.scaleUp(replicas, limits[0], total(all), replicas(current));
      if (up > 0) {
        scale(d, current, replicas(current) + up);
      }
    }
    // shrink old sets: unavailable pods first, then as availability allows; budget is how many
    // may go by the sets' sizes: all pods minus the minimum available minus new unavailable ones
    int minAvailable = replicas - limits[1];
    int newUnavailable = Math.max(0, replicas(current) - available(current));
    int budget = total(all) - minAvailable - newUnavailable;
    for (ReplicaSet rs : old) {
      int unhealthy = Math.max(0, replicas(rs) - available(rs));
      int cut = Math.min(unhealthy, Math.max(0, budget));
      if (cut > 0) {
        scale(d, rs, replicas(rs) - cut);
        budget -= cut;
      }
    }
    int availableAll = all.stream().mapToInt(DeploymentController::available).sum();
    // also bounded by the sizes (which this sync just changed), not only by the ReplicaSets'
    // reported availability, which lags behind the scale-downs of a moment ago
    int down = Math.min(Rollout.scaleDown(replicas, limits[1], availableAll), Math.max(0, budget));
    for (ReplicaSet rs : old) {
      if (down <= 0) {
        break;
      }
      int cut = Math.min(replicas(rs), down);
      if (cut > 0) {
        scale(d, rs, replicas(rs) - cut);
        down -= cut;
      }
    }
  }

  /** Whether an active set was last sized for another number of replicas than wanted now. */
  static boolean isScalingEvent(Deployment d, List<ReplicaSet> sets) {
    String want = Integer.toString(replicas(d));
    for (ReplicaSet rs : sets) {
      Map<String, String> a = rs.getMetadata().getAnnotations();
      String desired = a == null ? null : a.get(DESIRED);
      if (replicas(rs) > 0 && desired != null && !desired.equals(want)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Kubernetes' scaling of a resized Deployment: a lone active set (or the newest set when none is
   * active) takes the new size; a saturated new set leaves the old ones at zero; otherwise, in a
   * rolling update, the change is shared in proportion ({@link ProportionalScaling}).
   */
  void scaleToReplicas(Deployment d, ReplicaSet current, List<ReplicaSet> old) {
    List<ReplicaSet> all = new ArrayList<>(old);
    if (current != null) {
      all.add(current);
    }
    List<ReplicaSet> active =
        all.stream()
            .filter(rs -> replicas(rs) > 0)
            .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    if (active.size() <= 1) {
      ReplicaSet target =
          !active.isEmpty()
              ? active.get(0)
              : current != null ? current : old.isEmpty() ? null : old.get(old.size() - 1);
      if (target != null) {
        scale(d, target, replicas(d));
      }
      return;
    }
    if (current != null && replicas(current) == replicas(d) && available(current) >= replicas(d)) {
      old.forEach(rs -> scale(d, rs, 0));
      return;
    }
    if (!"RollingUpdate".equals(strategy(d))) {
      return;
    }
    int allowed = replicas(d) + limits(d)[0];
    int total = active.stream().mapToInt(DeploymentController::replicas).sum();
    Comparator<ReplicaSet> created =
        Comparator.comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp());
    active.sort(
        Comparator.<ReplicaSet>comparingInt(DeploymentController::replicas)
            .reversed()
            .thenComparing(allowed > total ? created.reversed() : created));
    int[] sizes = active.stream().mapToInt(DeploymentController::replicas).toArray();
    int[] max =
        active.stream()
            .mapToInt(
                rs -> {
                  Map<String, String> a = rs.getMetadata().getAnnotations();
                  try {
                    return a == null || a.get(MAX) == null ? 0 : Integer.parseInt(a.get(MAX));
                  } catch (NumberFormatException e) {
                    return 0;
                  }
                })
            .toArray();
    int fallback = d.getStatus() == null ? 0 : nz(d.getStatus().getReplicas());
    int[] next = ProportionalScaling.sizes(sizes, max, replicas(d), allowed, fallback);
    for (int i = 0; i < active.size(); i++) {
      scale(d, active.get(i), next[i]);
    }
  }

  /** Sizes the set to {@code to} and records what it was sized for (desired and max replicas). */
  void scale(Deployment d, ReplicaSet rs, int to) {
    int from = replicas(rs);
    String desired = Integer.toString(replicas(d));
    String max = Integer.toString(replicas(d) + limits(d)[0]);
    Map<String, String> annotations = rs.getMetadata().getAnnotations();
    boolean annotated =
        annotations != null
            && desired.equals(annotations.get(DESIRED))
            && max.equals(annotations.get(MAX));
    if (from == to && (annotated || to == 0)) {
      return;
    }
    // locked to the version the decision was made on: a stale cache gets a 409 and the sync
    // runs again, instead of scaling from an old size
    ReplicaSet scaled =
        client
            .apps()
            .replicaSets()
            .inNamespace(rs.getMetadata().getNamespace())
            .withName(rs.getMetadata().getName())
            .patch(
                MERGE,
                json(
                    Map.of(
                        "metadata",
                        Map.of(
                            "resourceVersion",
                            rs.getMetadata().getResourceVersion(),
                            "annotations",
                            Map.of(DESIRED, desired, MAX, max)),
                        "spec",
                        Map.of("replicas", to))));
    rs.getMetadata().setResourceVersion(scaled.getMetadata().getResourceVersion());
    rs.getSpec().setReplicas(to); // later steps of this sync see the new size (rs is a copy)
    rs.getMetadata().setAnnotations(scaled.getMetadata().getAnnotations());
    if (from == to) {
      return;
    }
    events.normal(
        d,
        "ScalingReplicaSet",
        "Scaled "
            + (to > from ? "up" : "down")
            + " replica set "
            + rs.getMetadata().getName()
            + " from "
            + from
            + " to "
            + to);
  }
}
