package io.nauta.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * The arithmetic of a rolling update, Kubernetes' rules: maxSurge rounds up, maxUnavailable down,
 * and both zero means one may be unavailable. Pure functions.
 */
final class Rollout {
  private Rollout() {}

  /** {@code value} (an int, or a percent of {@code total}) as a count. */
  static int resolve(IntOrString value, int total, boolean roundUp, int fallbackPercent) {
    if (value == null) {
      return percent(fallbackPercent, total, roundUp);
    }
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String s = value.getStrVal();
    if (s != null && s.endsWith("%")) {
      return percent(Integer.parseInt(s.substring(0, s.length() - 1)), total, roundUp);
    }
    return Integer.parseInt(s);
  }

  private static int percent(int percent, int total, boolean roundUp) {
    long scaled = (long) percent * total;
    return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
  }

  /** {@code [maxSurge, maxUnavailable]} for {@code replicas} desired pods. */
  static int[] limits(IntOrString maxSurge, IntOrString maxUnavailable, int replicas) {
    int surge = resolve(maxSurge, replicas, true, 25);
    int unavailable = resolve(maxUnavailable, replicas, false, 25);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new int[] {surge, unavailable};
  }

  /**
   * How many pods the new ReplicaSet may add now: up to {@code replicas + maxSurge} pods in all
   * sets together, and never more than it still needs.
   */
  static int scaleUp(int replicas, int maxSurge, int allReplicas, int newReplicas) {
    int room = replicas + maxSurge - allReplicas;
    return Math.max(0, Math.min(room, replicas - newReplicas));
  }

  /**
   * How many old pods may go now without fewer than {@code replicas - maxUnavailable} available:
   * the available pods above that minimum.
   */
  static int scaleDown(int replicas, int maxUnavailable, int available) {
    return Math.max(0, available - (replicas - maxUnavailable));
  }
}
