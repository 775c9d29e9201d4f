package io.nauta.controllers.podautoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.controllers.podautoscaler.Normalization.Condition;
import io.nauta.controllers.podautoscaler.Normalization.Result;
import io.nauta.controllers.podautoscaler.ScalingRules.Policy;
import io.nauta.controllers.podautoscaler.ScalingRules.SelectPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NormalizationTest {
  private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final ScalingRules UP = ScalingRules.up(null);
  private static final ScalingRules DOWN = ScalingRules.down(null, FIVE_MINUTES);

  private static ScalingRules rules(Duration window, SelectPolicy select, Policy... policies) {
    return new ScalingRules(window, select, List.of(policies));
  }

  private static Policy pods(int n, int seconds) {
    return new Policy(false, n, Duration.ofSeconds(seconds));
  }

  private static Policy percent(int n, int seconds) {
    return new Policy(true, n, Duration.ofSeconds(seconds));
  }

  @Test
  void withoutBehaviorScaleDownWaitsForTheStabilizationWindow() {
    ScalingHistory h = new ScalingHistory();
    h.recordInitial(5, T0);
    Result r = Normalization.withoutBehavior(h, T0.plusSeconds(60), FIVE_MINUTES, 5, 2, 1, 10);
    assertThat(r.replicas()).isEqualTo(5);
    assertThat(r.ableToScale().reason()).isEqualTo("ScaleDownStabilized");
    // the recommendation of 5 ages out; the later one of 2 is still within the window
    r = Normalization.withoutBehavior(h, T0.plusSeconds(301), FIVE_MINUTES, 5, 2, 1, 10);
    assertThat(r.replicas()).isEqualTo(2);
    assertThat(r.ableToScale())
        .isEqualTo(
            new Condition(
                "AbleToScale", true, "ReadyForNewScale", "recommended size matches current size"));
    assertThat(r.scalingLimited().status()).isFalse();
    assertThat(r.scalingLimited().reason()).isEqualTo("DesiredWithinRange");
  }

  static Stream<Arguments> legacyLimits() {
    return Stream.of(
        Arguments.of("at most 4 from 1", 1, 10, 1, 20, 4, "ScaleUpLimit"),
        Arguments.of("at most double", 3, 10, 1, 20, 6, "ScaleUpLimit"),
        Arguments.of("at most maxReplicas", 3, 10, 1, 5, 5, "TooManyReplicas"),
        Arguments.of("at least minReplicas", 3, 1, 2, 5, 2, "TooFewReplicas"),
        Arguments.of("within range", 3, 4, 1, 5, 4, "DesiredWithinRange"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("legacyLimits")
  void withoutBehaviorLimitsTheRateAndBounds(
      String name, int current, int desired, int min, int max, int replicas, String reason) {
    Result r =
        Normalization.withoutBehavior(
            new ScalingHistory(), T0, Duration.ZERO, current, desired, min, max);
    assertThat(r.replicas()).isEqualTo(replicas);
    assertThat(r.scalingLimited().reason()).isEqualTo(reason);
    assertThat(r.scalingLimited().status()).isEqualTo(!reason.equals("DesiredWithinRange"));
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of("default scale-up: 4 pods or 100% per 15 s, the larger", UP, DOWN, 2, 20, 6),
        Arguments.of("default scale-up from 10: doubles", UP, DOWN, 10, 50, 20),
        Arguments.of(
            "selectPolicy Min takes the smaller change",
            rules(Duration.ZERO, SelectPolicy.MIN, pods(4, 15), percent(100, 15)),
            DOWN,
            10,
            50,
            14),
        Arguments.of(
            "selectPolicy Disabled never scales up",
            rules(Duration.ZERO, SelectPolicy.DISABLED, pods(4, 15)),
            DOWN,
            10,
            50,
            10),
        Arguments.of(
            "scale-down by at most 50%",
            UP, rules(Duration.ZERO, SelectPolicy.MAX, percent(50, 60)), 10, 1, 5),
        Arguments.of(
            "scale-down Max takes the larger change",
            UP,
            rules(Duration.ZERO, SelectPolicy.MAX, percent(10, 60), pods(3, 60)),
            10,
            1,
            7),
        Arguments.of(
            "scale-down Min takes the smaller change",
            UP,
            rules(Duration.ZERO, SelectPolicy.MIN, percent(10, 60), pods(3, 60)),
            10,
            1,
            9),
        Arguments.of(
            "selectPolicy Disabled never scales down",
            UP,
            rules(Duration.ZERO, SelectPolicy.DISABLED, percent(100, 15)),
            10,
            1,
            10));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void withBehaviorRatePolicies(
      String name, ScalingRules up, ScalingRules down, int current, int desired, int replicas) {
    Result r =
        Normalization.withBehavior(new ScalingHistory(), T0, up, down, current, desired, 1, 100);
    assertThat(r.replicas()).isEqualTo(replicas);
  }

  @Test
  void recentScaleEventsCountAgainstThePolicyPeriod() {
    ScalingRules down = rules(Duration.ZERO, SelectPolicy.MAX, percent(50, 60));
    ScalingHistory h = new ScalingHistory();
    Result first = Normalization.withBehavior(h, T0, UP, down, 10, 1, 1, 100);
    assertThat(first.replicas()).isEqualTo(5);
    assertThat(first.scalingLimited())
        .isEqualTo(
            new Condition(
                "ScalingLimited",
                true,
                "ScaleDownLimit",
                "the desired replica count is decreasing faster than the maximum scale rate"));
    h.recordScale(10, 5, down.longestPeriod(), T0);
    // within the period the policy counts from 10 again: no further scale-down
    assertThat(Normalization.withBehavior(h, T0.plusSeconds(10), UP, down, 5, 1, 1, 100).replicas())
        .isEqualTo(5);
    // after it, half of 5
    assertThat(Normalization.withBehavior(h, T0.plusSeconds(61), UP, down, 5, 1, 1, 100).replicas())
        .isEqualTo(2);
  }

  @Test
  void scaleUpEventsLimitFurtherScaleUps() {
    ScalingHistory h = new ScalingHistory();
    h.recordScale(2, 6, UP.longestPeriod(), T0);
    Result r = Normalization.withBehavior(h, T0.plusSeconds(5), UP, DOWN, 6, 20, 1, 100);
    assertThat(r.replicas()).isEqualTo(6);
    assertThat(r.scalingLimited().reason()).isEqualTo("ScaleUpLimit");
    r = Normalization.withBehavior(h, T0.plusSeconds(16), UP, DOWN, 6, 20, 1, 100);
    assertThat(r.replicas()).isEqualTo(12);
  }

  @Test
  void stabilizationWindowsHoldBackBothDirections() {
    ScalingRules slowUp = rules(Duration.ofSeconds(60), SelectPolicy.MAX, percent(100, 15));
    ScalingRules down = rules(Duration.ofSeconds(30), SelectPolicy.MAX, percent(100, 15));
    ScalingHistory h = new ScalingHistory();
    h.recordInitial(3, T0);
    Result up = Normalization.withBehavior(h, T0.plusSeconds(10), slowUp, down, 3, 6, 1, 100);
    assertThat(up.replicas()).isEqualTo(3);
    assertThat(up.ableToScale().reason()).isEqualTo("ScaleUpStabilized");
    // once the up window has passed over the recommendation of 3, the scale-up goes ahead
    assertThat(
            Normalization.withBehavior(h, T0.plusSeconds(71), slowUp, down, 3, 6, 1, 100)
                .replicas())
        .isEqualTo(6);

    ScalingHistory d = new ScalingHistory();
    d.recordInitial(8, T0);
    Result held = Normalization.withBehavior(d, T0.plusSeconds(20), UP, down, 8, 2, 1, 100);
    assertThat(held.replicas()).isEqualTo(8);
    assertThat(held.ableToScale().reason()).isEqualTo("ScaleDownStabilized");
    assertThat(Normalization.withBehavior(d, T0.plusSeconds(51), UP, down, 8, 2, 1, 100).replicas())
        .isEqualTo(2);
  }

  @Test
  void scaleDownWindowDefaultsToTheControllersSetting() {
    assertThat(ScalingRules.down(null, Duration.ofSeconds(42)).window())
        .isEqualTo(Duration.ofSeconds(42));
    assertThat(ScalingRules.up(null).window()).isZero();
    assertThat(ScalingRules.up(null).longestPeriod()).isEqualTo(Duration.ofSeconds(15));
  }
}
