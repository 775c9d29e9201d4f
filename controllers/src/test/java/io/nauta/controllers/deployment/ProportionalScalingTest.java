package io.nauta.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProportionalScalingTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        // the documented example: 10 replicas, maxSurge 3, mid-rollout 8 old + 5 new = 13;
        // scaled to 15 (allowed 18): 5 more pods, shared 3 to the old set and 2 to the new
        Arguments.of(
            "scale up mid-rollout",
            new int[] {8, 5},
            new int[] {13, 13},
            15,
            18,
            new int[] {11, 7}),
        Arguments.of(
            "scale down mid-rollout", new int[] {8, 5}, new int[] {13, 13}, 5, 6, new int[] {4, 2}),
        Arguments.of("to zero", new int[] {8, 5}, new int[] {13, 13}, 0, 0, new int[] {0, 0}),
        Arguments.of(
            "nothing to do", new int[] {8, 5}, new int[] {13, 13}, 10, 13, new int[] {8, 5}),
        Arguments.of(
            "leftover goes to the largest",
            new int[] {3, 3, 3},
            new int[] {9, 9, 9},
            10,
            10,
            new int[] {4, 3, 3}),
        Arguments.of(
            "unknown max uses the fallback",
            new int[] {4, 2},
            new int[] {0, 0},
            12,
            12,
            new int[] {8, 4}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sharesTheChangeInProportion(
      String name, int[] sizes, int[] max, int replicas, int allowed, int[] expected) {
    assertThat(ProportionalScaling.sizes(sizes, max, replicas, allowed, 6))
        .containsExactly(expected);
    int total = 0;
    for (int s : ProportionalScaling.sizes(sizes, max, replicas, allowed, 6)) {
      total += s;
    }
    assertThat(total).isEqualTo(allowed);
  }
}
