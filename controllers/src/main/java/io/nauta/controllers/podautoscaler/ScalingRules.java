package io.nauta.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import java.time.Duration;
import java.util.List;

/**
 * One direction of an autoscaler's {@code behavior}: its stabilization window, its rate policies
 * and how they combine. Kubernetes' defaults fill what the object leaves out: scaling up, no window
 * and at most 4 pods or 100% per 15 s, whichever is more; scaling down, the controller's downscale
 * stabilization window (5 min) and up to 100% per 15 s.
 */
record ScalingRules(Duration window, SelectPolicy select, List<Policy> policies) {
  enum SelectPolicy {
    MAX,
    MIN,
    DISABLED;

    static SelectPolicy of(String name) {
      return switch (name == null ? "Max" : name) {
        case "Min" -> MIN;
        case "Disabled" -> DISABLED;
        default -> MAX;
      };
    }
  }

  /** At most {@code value} pods ({@code percent} false) or percent of them per {@code period}. */
  record Policy(boolean percent, int value, Duration period) {}

  ScalingRules {
    policies = List.copyOf(policies);
  }

  static final List<Policy> UP_POLICIES =
      List.of(
          new Policy(false, 4, Duration.ofSeconds(15)),
          new Policy(true, 100, Duration.ofSeconds(15)));
  static final List<Policy> DOWN_POLICIES = List.of(new Policy(true, 100, Duration.ofSeconds(15)));

  /** The scale-up rules of {@code rules} (null for the defaults). */
  static ScalingRules up(HPAScalingRules rules) {
    return of(rules, Duration.ZERO, UP_POLICIES);
  }

  /**
   * The scale-down rules of {@code rules} (null for the defaults), with the controller's window.
   */
  static ScalingRules down(HPAScalingRules rules, Duration defaultWindow) {
    return of(rules, defaultWindow, DOWN_POLICIES);
  }

  private static ScalingRules of(
      HPAScalingRules rules, Duration defaultWindow, List<Policy> defaults) {
    if (rules == null) {
      return new ScalingRules(defaultWindow, SelectPolicy.MAX, defaults);
    }
    Duration window =
        rules.getStabilizationWindowSeconds() == null
            ? defaultWindow
            : Duration.ofSeconds(rules.getStabilizationWindowSeconds());
    List<Policy> policies =
        rules.getPolicies() == null || rules.getPolicies().isEmpty()
            ? defaults
            : rules.getPolicies().stream().map(ScalingRules::policy).toList();
    return new ScalingRules(window, SelectPolicy.of(rules.getSelectPolicy()), policies);
  }

  private static Policy policy(HPAScalingPolicy p) {
    return new Policy(
        "Percent".equals(p.getType()),
        p.getValue() == null ? 0 : p.getValue(),
        Duration.ofSeconds(p.getPeriodSeconds() == null ? 0 : p.getPeriodSeconds()));
  }

  /** The longest policy period: how long scale events matter. */
  Duration longestPeriod() {
    return policies.stream().map(Policy::period).max(Duration::compareTo).orElse(Duration.ZERO);
  }
}
