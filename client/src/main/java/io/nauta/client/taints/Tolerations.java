package io.nauta.client.taints;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Whether tolerations tolerate taints, and for how long (NoExecute). Stateless. */
public final class Tolerations {
  private Tolerations() {}

  /**
   * True if {@code t} tolerates {@code taint}: same effect (or none), and the key exists ({@code
   * Exists}; an empty key matches every key) or key and value are equal ({@code Equal}, the default
   * operator).
   */
  public static boolean tolerates(Toleration t, Taint taint) {
    boolean effect =
        t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(taint.getEffect());
    if (!effect) {
      return false;
    }
    String key = t.getKey() == null ? "" : t.getKey();
    if ("Exists".equals(t.getOperator())) {
      return key.isEmpty() || key.equals(taint.getKey());
    }
    String want = t.getValue() == null ? "" : t.getValue();
    String has = taint.getValue() == null ? "" : taint.getValue();
    return key.equals(taint.getKey()) && want.equals(has);
  }

  /** True if one of {@code tolerations} tolerates {@code taint}. */
  public static boolean tolerated(Taint taint, List<Toleration> tolerations) {
    for (Toleration t : tolerations) {
      if (tolerates(t, taint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * When a pod with {@code tolerations} must leave a node with the NoExecute {@code taints}: {@code
   * now} if one taint is not tolerated; else the earliest moment a tolerating toleration runs out
   * ({@code tolerationSeconds} after the taint's {@code timeAdded}, or after {@code now} when the
   * taint has none); empty if every taint is tolerated forever.
   */
  public static Optional<Instant> evictionTime(
      List<Toleration> tolerations, List<Taint> taints, Instant now) {
    Instant earliest = null;
    for (Taint taint : taints) {
      if (!"NoExecute".equals(taint.getEffect())) {
        continue;
      }
      Long seconds = null;
      boolean tolerated = false;
      boolean forever = false;
      for (Toleration t : tolerations) {
        if (!tolerates(t, taint)) {
          continue;
        }
        tolerated = true;
        if (t.getTolerationSeconds() == null) {
          forever = true;
        } else {
          long s = Math.max(0, t.getTolerationSeconds());
          seconds = seconds == null ? s : Math.min(seconds, s);
        }
      }
      if (!tolerated) {
        return Optional.of(now);
      }
      if (seconds != null) {
        // a bounded toleration ends the stay even if another tolerates forever (Kubernetes
        // takes the least tolerationSeconds of the matching tolerations)
        Instant since = taint.getTimeAdded() == null ? now : Instant.parse(taint.getTimeAdded());
        Instant due = since.plusSeconds(seconds);
        earliest = earliest == null || due.isBefore(earliest) ? due : earliest;
      } else if (!forever) {
        return Optional.of(now);
      }
    }
    return Optional.ofNullable(earliest);
  }
}
