package io.nauta.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;

/** A pod's state as workload controllers judge it: active, ready, available, owned. */
public final class Pods {
  private Pods() {}

  /** Not finished (Succeeded/Failed) and not being deleted: it counts towards replicas. */
  public static boolean active(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return !"Succeeded".equals(phase)
        && !"Failed".equals(phase)
        && p.getMetadata().getDeletionTimestamp() == null;
  }

  /** The Ready condition, or null. */
  public static PodCondition readyCondition(Pod p) {
    if (p.getStatus() == null || p.getStatus().getConditions() == null) {
      return null;
    }
    for (PodCondition c : p.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) {
        return c;
      }
    }
    return null;
  }

  public static boolean ready(Pod p) {
    PodCondition c = readyCondition(p);
    return c != null && "True".equals(c.getStatus());
  }

  /** Ready for at least {@code minReadySeconds} at {@code now}. */
  public static boolean available(Pod p, int minReadySeconds, Instant now) {
    if (!ready(p)) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    String since = readyCondition(p).getLastTransitionTime();
    return since != null && !Instant.parse(since).plusSeconds(minReadySeconds).isAfter(now);
  }

  /** The owner reference marked {@code controller: true}, or null. */
  public static OwnerReference controllerOf(HasMetadata o) {
    for (OwnerReference r : o.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(r.getController())) {
        return r;
      }
    }
    return null;
  }

  /**
   * A copy of {@code p} whose status says why it is about to be deleted: the condition
   * DisruptionTarget with {@code reason} and {@code message}, and no resourceVersion (a status
   * merge patch of it applies whatever changed meanwhile).
   */
  public static Pod withDisruptionTarget(Pod p, String reason, String message, Instant now) {
    Pod marked =
        new io.fabric8.kubernetes.api.model.PodBuilder(p)
            .editOrNewStatus()
            .removeMatchingFromConditions(c -> "DisruptionTarget".equals(c.getType()))
            .addToConditions(
                new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                    .withType("DisruptionTarget")
                    .withStatus("True")
                    .withReason(reason)
                    .withMessage(message)
                    .withLastTransitionTime(
                        now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                    .build())
            .endStatus()
            .build();
    marked.getMetadata().setResourceVersion(null);
    return marked;
  }
}
