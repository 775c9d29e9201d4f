package io.nauta.controllers.podautoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * From the metrics' desired replicas to the replicas to set, as Kubernetes normalizes them: first
 * stabilized over the recent recommendations (the highest of the downscale window without a
 * behavior; within the up and down windows with one), then limited by min/max replicas and the rate
 * of change (without a behavior, at most double or 4, whichever is more; with one, the scale-up and
 * scale-down policies over the recent scale events). Records the recommendation in the history.
 */
final class Normalization {
  /** A condition to set on the autoscaler. */
  record Condition(String type, boolean status, String reason, String message) {}

  /** The replicas to set and the AbleToScale and ScalingLimited conditions saying why. */
  record Result(int replicas, Condition ableToScale, Condition scalingLimited) {}

  static final String ABLE_TO_SCALE = "AbleToScale";
  static final String SCALING_LIMITED = "ScalingLimited";

  private Normalization() {}

  /** Kubernetes' {@code normalizeDesiredReplicas}: an autoscaler without a behavior. */
  static Result withoutBehavior(
      ScalingHistory history,
      Instant now,
      Duration downscaleWindow,
      int current,
      int desired,
      int min,
      int max) {
    int stabilized = desired;
    Instant cutoff = now.minus(downscaleWindow);
    int oldIndex = -1;
    List<ScalingHistory.Recommendation> recs = history.recommendations;
    for (int i = 0; i < recs.size(); i++) {
      ScalingHistory.Recommendation r = recs.get(i);
      if (r.at().isBefore(cutoff)) {
        oldIndex = i;
      } else if (r.replicas() > stabilized) {
        stabilized = r.replicas();
      }
    }
    record(history, oldIndex, desired, now);
    Condition able =
        stabilized != desired
            ? new Condition(
                ABLE_TO_SCALE,
                true,
                "ScaleDownStabilized",
                "recent recommendations were higher than current one, applying the highest recent"
                    + " recommendation")
            : new Condition(
                ABLE_TO_SCALE, true, "ReadyForNewScale", "recommended size matches current size");
    int scaleUpLimit = Math.max(2 * current, 4);
    int maxAllowed;
    String reason;
    String message;
    if (max > scaleUpLimit) {
      maxAllowed = scaleUpLimit;
      reason = "ScaleUpLimit";
      message = "the desired replica count is increasing faster than the maximum scale rate";
    } else {
      maxAllowed = max;
      reason = "TooManyReplicas";
      message = "the desired replica count is more than the maximum replica count";
    }
    int replicas = stabilized;
    if (stabilized < min) {
      replicas = min;
      reason = "TooFewReplicas";
      message = "the desired replica count is less than the minimum replica count";
    } else if (stabilized > maxAllowed) {
      replicas = maxAllowed;
    } else {
      reason = "DesiredWithinRange";
      message = "the desired count is within the acceptable range";
    }
    return new Result(
        replicas, able, new Condition(SCALING_LIMITED, replicas != stabilized, reason, message));
  }

  /** Kubernetes' {@code normalizeDesiredReplicasWithBehaviors}. */
  static Result withBehavior(
      ScalingHistory history,
      Instant now,
      ScalingRules up,
      ScalingRules down,
      int current,
      int desired,
      int min,
      int max) {
    int upRecommendation = desired;
    int downRecommendation = desired;
    Instant upCutoff = now.minus(up.window());
    Instant downCutoff = now.minus(down.window());
    int oldIndex = -1;
    List<ScalingHistory.Recommendation> recs = history.recommendations;
    for (int i = 0; i < recs.size(); i++) {
      ScalingHistory.Recommendation r = recs.get(i);
      if (r.at().isAfter(upCutoff)) {
        upRecommendation = Math.min(r.replicas(), upRecommendation);
      }
      if (r.at().isAfter(downCutoff)) {
        downRecommendation = Math.max(r.replicas(), downRecommendation);
      }
      if (r.at().isBefore(upCutoff) && r.at().isBefore(downCutoff)) {
        oldIndex = i;
      }
    }
    int stabilized = Math.min(Math.max(current, upRecommendation), downRecommendation);
    record(history, oldIndex, desired, now);
    Condition able;
    if (stabilized == desired) {
      able =
          new Condition(
              ABLE_TO_SCALE, true, "ReadyForNewScale", "recommended size matches current size");
    } else if (desired >= current) {
      able =
          new Condition(
              ABLE_TO_SCALE,
              true,
              "ScaleUpStabilized",
              "recent recommendations were lower than current one, applying the lowest recent"
                  + " recommendation");
    } else {
      able =
          new Condition(
              ABLE_TO_SCALE,
              true,
              "ScaleDownStabilized",
              "recent recommendations were higher than current one, applying the highest recent"
                  + " recommendation");
    }
    Condition limited;
    int replicas = stabilized;
    if (stabilized > current) {
      int limit = Math.max(scaleUpLimit(current, history, up, now), current);
      String reason = "TooManyReplicas";
      String message = "the desired replica count is more than the maximum replica count";
      int maxAllowed = max;
      if (max > limit) {
        maxAllowed = limit;
        reason = "ScaleUpLimit";
        message = "the desired replica count is increasing faster than the maximum scale rate";
      }
      replicas = Math.min(stabilized, maxAllowed);
      limited = limitedCondition(replicas, stabilized, reason, message);
    } else if (stabilized < current) {
      int limit = Math.min(scaleDownLimit(current, history, down, now), current);
      String reason = "TooFewReplicas";
      String message = "the desired replica count is less than the minimum replica count";
      int minAllowed = min;
      if (min < limit) {
        minAllowed = limit;
        reason = "ScaleDownLimit";
        message = "the desired replica count is decreasing faster than the maximum scale rate";
      }
      replicas = Math.max(stabilized, minAllowed);
      limited = limitedCondition(replicas, stabilized, reason, message);
    } else {
      limited = limitedCondition(replicas, stabilized, "", "");
    }
    return new Result(replicas, able, limited);
  }

  private static Condition limitedCondition(
      int replicas, int stabilized, String reason, String message) {
    if (replicas == stabilized) {
      return new Condition(
          SCALING_LIMITED,
          false,
          "DesiredWithinRange",
          "the desired count is within the acceptable range");
    }
    return new Condition(SCALING_LIMITED, true, reason, message);
  }

  private static void record(ScalingHistory history, int oldIndex, int desired, Instant now) {
    ScalingHistory.Recommendation rec = new ScalingHistory.Recommendation(desired, now);
    if (oldIndex >= 0) {
      history.recommendations.set(oldIndex, rec);
    } else {
      history.recommendations.add(rec);
    }
  }

  /** The most replicas the scale-up policies allow now. */
  static int scaleUpLimit(int current, ScalingHistory history, ScalingRules rules, Instant now) {
    if (rules.select() == ScalingRules.SelectPolicy.DISABLED) {
      return current;
    }
    boolean min = rules.select() == ScalingRules.SelectPolicy.MIN;
    int result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    for (ScalingRules.Policy p : rules.policies()) {
      int start = periodStart(current, history, p.period(), now);
      int proposed =
          p.percent() ? (int) Math.ceil(start * (1 + p.value() / 100.0)) : start + p.value();
      result = min ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return result;
  }

  /** The fewest replicas the scale-down policies allow now. */
  static int scaleDownLimit(int current, ScalingHistory history, ScalingRules rules, Instant now) {
    if (rules.select() == ScalingRules.SelectPolicy.DISABLED) {
      return current;
    }
    boolean min = rules.select() == ScalingRules.SelectPolicy.MIN;
    int result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    for (ScalingRules.Policy p : rules.policies()) {
      int start = periodStart(current, history, p.period(), now);
      int proposed = p.percent() ? (int) (start * (1 - p.value() / 100.0)) : start - p.value();
      result = min ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return result;
  }

  /** The replicas at the start of the policy's period: current minus ups plus downs since. */
  private static int periodStart(
      int current, ScalingHistory history, Duration period, Instant now) {
    return current
        - ScalingHistory.changeInPeriod(history.scaleUps, period, now)
        + ScalingHistory.changeInPeriod(history.scaleDowns, period, now);
  }
}
