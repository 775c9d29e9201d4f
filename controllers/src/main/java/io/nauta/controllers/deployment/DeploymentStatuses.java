package io.nauta.controllers.deployment;

import static io.nauta.controllers.deployment.DeploymentController.nz;
import static io.nauta.controllers.deployment.DeploymentController.replicas;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Deployment's status as its ReplicaSets make it: replica counts summed over the sets, and the
 * conditions {@code kubectl rollout status} reads — Available (at least replicas minus
 * maxUnavailable available) and Progressing (ReplicaSetUpdated, NewReplicaSetAvailable,
 * DeploymentPaused, or ProgressDeadlineExceeded once progressDeadlineSeconds pass without
 * progress). Pure.
 */
final class DeploymentStatuses {
  private DeploymentStatuses() {}

  /** The status, and whether the rollout is complete. */
  record Computed(DeploymentStatus status, boolean complete) {}

  static Computed compute(
      Deployment d, ReplicaSet current, List<ReplicaSet> old, int maxUnavailable, Instant now) {
    List<ReplicaSet> all = new ArrayList<>(old);
    if (current != null) {
      all.add(current);
    }
    int replicas = replicas(d);
    int statusReplicas = 0;
    int ready = 0;
    int available = 0;
    for (ReplicaSet rs : all) {
      if (rs.getStatus() != null) {
        statusReplicas += nz(rs.getStatus().getReplicas());
        ready += nz(rs.getStatus().getReadyReplicas());
        available += nz(rs.getStatus().getAvailableReplicas());
      }
    }
    int updated =
        current == null || current.getStatus() == null ? 0 : nz(current.getStatus().getReplicas());
    boolean minimumAvailable = available >= replicas - maxUnavailable;
    boolean complete =
        current != null
            && updated == replicas
            && statusReplicas == replicas
            && available >= replicas
            && replicas(current) == replicas;
    String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
    DeploymentStatus previous = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    List<DeploymentCondition> conditions = new ArrayList<>();
    conditions.add(
        condition(
            previous,
            "Available",
            minimumAvailable ? "True" : "False",
            minimumAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            minimumAvailable
                ? "Deployment has minimum availability."
                : "Deployment does not have minimum availability.",
            at));
    conditions.add(progressing(d, previous, current, complete, at, now));
    DeploymentStatus next =
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(statusReplicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(ready)
            .withAvailableReplicas(available)
            .withUnavailableReplicas(Math.max(0, replicas - available))
            .withCollisionCount(previous.getCollisionCount())
            .withConditions(conditions)
            .build();
    return new Computed(next, complete);
  }

  private static DeploymentCondition progressing(
      Deployment d,
      DeploymentStatus old,
      ReplicaSet current,
      boolean complete,
      String now,
      Instant clockNow) {
    String name = current == null ? "" : current.getMetadata().getName();
    if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
      return condition(
          old, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now);
    }
    if (complete) {
      return condition(
          old,
          "Progressing",
          "True",
          "NewReplicaSetAvailable",
          "ReplicaSet \"" + name + "\" has successfully progressed.",
          now);
    }
    DeploymentCondition before = find(old, "Progressing");
    int deadline =
        d.getSpec().getProgressDeadlineSeconds() == null
            ? 600
            : d.getSpec().getProgressDeadlineSeconds();
    if (before != null
        && "True".equals(before.getStatus())
        && !"NewReplicaSetAvailable".equals(before.getReason())
        && before.getLastUpdateTime() != null
        && Instant.parse(before.getLastUpdateTime()).plusSeconds(deadline).isBefore(clockNow)) {
      return condition(
          old,
          "Progressing",
          "False",
          "ProgressDeadlineExceeded",
          "ReplicaSet \"" + name + "\" has timed out progressing.",
          now);
    }
    if (before != null && "ProgressDeadlineExceeded".equals(before.getReason())) {
      return before;
    }
    return condition(
        old,
        "Progressing",
        "True",
        "ReplicaSetUpdated",
        "ReplicaSet \"" + name + "\" is progressing.",
        now);
  }

  /**
   * A condition, keeping the previous one's timestamps when nothing about it changed (so a rollout
   * that keeps progressing keeps its lastUpdateTime until progress is made).
   */
  private static DeploymentCondition condition(
      DeploymentStatus old, String type, String status, String reason, String message, String now) {
    DeploymentCondition before = find(old, type);
    if (before != null
        && status.equals(before.getStatus())
        && reason.equals(before.getReason())
        && message.equals(before.getMessage())) {
      return before;
    }
    String transition =
        before != null && status.equals(before.getStatus()) ? before.getLastTransitionTime() : now;
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastUpdateTime(now)
        .withLastTransitionTime(transition)
        .build();
  }

  private static DeploymentCondition find(DeploymentStatus s, String type) {
    if (s.getConditions() == null) {
      return null;
    }
    return s.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  /** Whether two statuses say the same (condition timestamps included). */
  static boolean same(DeploymentStatus a, DeploymentStatus b) {
    return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
        && nz(a.getReplicas()) == nz(b.getReplicas())
        && nz(a.getUpdatedReplicas()) == nz(b.getUpdatedReplicas())
        && nz(a.getReadyReplicas()) == nz(b.getReadyReplicas())
        && nz(a.getAvailableReplicas()) == nz(b.getAvailableReplicas())
        && nz(a.getUnavailableReplicas()) == nz(b.getUnavailableReplicas())
        && Objects.equals(a.getConditions(), b.getConditions());
  }
}
