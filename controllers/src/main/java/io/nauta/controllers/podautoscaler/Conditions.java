package io.nauta.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;

/**
 * Sets an autoscaler's status conditions as Kubernetes' {@code setCondition} does: one condition
 * per type, in the order first set; the transition time moves only when the status changes.
 */
final class Conditions {
  private Conditions() {}

  static void set(HorizontalPodAutoscaler hpa, Normalization.Condition c, Instant now) {
    set(hpa, c.type(), c.status(), c.reason(), c.message(), now);
  }

  static void set(
      HorizontalPodAutoscaler hpa,
      String type,
      boolean status,
      String reason,
      String message,
      Instant now) {
    if (hpa.getStatus() == null) {
      hpa.setStatus(new HorizontalPodAutoscalerStatus());
    }
    if (hpa.getStatus().getConditions() == null) {
      hpa.getStatus().setConditions(new ArrayList<>());
    }
    String value = status ? "True" : "False";
    HorizontalPodAutoscalerCondition existing = null;
    for (HorizontalPodAutoscalerCondition c : hpa.getStatus().getConditions()) {
      if (type.equals(c.getType())) {
        existing = c;
      }
    }
    if (existing == null) {
      existing = new HorizontalPodAutoscalerCondition();
      existing.setType(type);
      hpa.getStatus().getConditions().add(existing);
    }
    if (!value.equals(existing.getStatus())) {
      existing.setLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
    }
    existing.setStatus(value);
    existing.setReason(reason);
    existing.setMessage(message);
  }
}
