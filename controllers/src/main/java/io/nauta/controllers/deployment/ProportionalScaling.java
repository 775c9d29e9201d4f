package io.nauta.controllers.deployment;

/**
 * Kubernetes' proportional scaling: when a Deployment is resized in the middle of a rollout, the
 * pods added or removed are shared among its active ReplicaSets in proportion to their sizes, so
 * the rollout's progress (the share of new pods) is kept. Pure arithmetic.
 */
final class ProportionalScaling {
  private ProportionalScaling() {}

  /**
   * The new sizes of the active sets.
   *
   * @param sizes the sets' sizes, largest first (on ties, newer first when growing and older first
   *     when shrinking); the largest takes what rounding leaves over
   * @param annotatedMax each set's {@code max-replicas} annotation: the Deployment's replicas plus
   *     surge when the set was last scaled, or 0 if unknown
   * @param replicas the Deployment's replicas now
   * @param allowedSize the Deployment's replicas plus surge now
   * @param fallbackMax the divisor for sets with no annotation (Kubernetes: status.replicas)
   */
  static int[] sizes(
      int[] sizes, int[] annotatedMax, int replicas, int allowedSize, int fallbackMax) {
    int total = 0;
    for (int s : sizes) {
      total += s;
    }
    int toAdd = allowedSize - total;
    int added = 0;
    int[] out = sizes.clone();
    if (toAdd == 0) {
      return out;
    }
    for (int i = 0; i < sizes.length; i++) {
      int proportion = 0;
      if (sizes[i] != 0 && toAdd != added) {
        int fraction;
        if (replicas == 0) {
          fraction = -sizes[i];
        } else {
          int max = annotatedMax[i] > 0 ? annotatedMax[i] : Math.max(1, fallbackMax);
          fraction = (int) Math.round((double) sizes[i] * allowedSize / max) - sizes[i];
        }
        int allowed = toAdd - added;
        proportion = toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
      }
      out[i] = sizes[i] + proportion;
      added += proportion;
    }
    if (out.length > 0) {
      out[0] = Math.max(0, out[0] + toAdd - added);
    }
    return out;
  }
}
