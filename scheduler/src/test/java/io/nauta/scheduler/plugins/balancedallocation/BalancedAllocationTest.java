package io.nauta.scheduler.plugins.balancedallocation;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.Framework;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BalancedAllocationTest {
  private final BalancedAllocation plugin = new BalancedAllocation();

  static Stream<Arguments> cases() {
    // nodes of 4 cpu and 8Gi; fractions after placing the pod, then 100 * (1 - |a - b| / 2)
    return Stream.of(
        Arguments.of(
            "equal fractions score 100 (1/4 cpu, 2/8 Gi)",
            pod("p", "1", "2Gi").build(),
            List.of(),
            100L),
        Arguments.of(
            "cpu half used, memory an eighth: sd 0.1875",
            pod("p", "1", "1Gi").build(),
            List.of(pod("a", "1", null).build()),
            // a's missing memory request counts as 0, not a default: 100 * (1 - 0.1875)
            81L),
        Arguments.of(
            "best-effort pods are not scored", pod("p"), List.of(pod("a", "1", null).build()), 0L),
        Arguments.of(
            "overcommitted resources are capped at 1",
            pod("p", "8", "8Gi").build(),
            List.of(),
            100L),
        Arguments.of(
            "all cpu, no memory: sd 0.5",
            pod("p", "4", "1").build(),
            List.of(),
            // memory 1 byte of 8Gi is ~0
            50L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scores(String name, Pod pod, List<Pod> assigned, long expected) {
    NodeInfo node = NodeInfo.of(node("n", "4", "8Gi").build(), assigned);
    CycleState state = new CycleState();
    plugin.preScore(state, pod, List.of(node));
    assertThat(plugin.score(state, pod, node)).isEqualTo(expected);
  }

  @Test
  void preScoreSkipsBestEffortPods() {
    assertThat(plugin.preScore(new CycleState(), pod("p"), List.of()).code())
        .isEqualTo(Status.Code.SKIP);
    assertThat(plugin.preScore(new CycleState(), pod("p", "1", null).build(), List.of()))
        .isEqualTo(Status.SUCCESS);
  }

  @Test
  void standardDeviationOfThreeValues() {
    assertThat(BalancedAllocation.standardDeviation(new double[] {0, 0.5, 1}, 3))
        .isCloseTo(Math.sqrt(1.0 / 6), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(BalancedAllocation.standardDeviation(new double[] {0.3, 0}, 1)).isZero();
  }

  @Test
  void prefersTheNodeTheRequestBalances() {
    // cpu-heavy node gets a memory-heavy pod balanced; the idle node would be skewed by it
    NodeInfo cpuHeavy =
        NodeInfo.of(node("cpu-heavy", "4", "8Gi").build(), List.of(pod("a", "3", "1Gi").build()));
    NodeInfo idle = NodeInfo.of(node("idle", "4", "8Gi").build(), List.of());
    Pod memoryHeavy = pod("p", "100m", "5Gi").build();
    var r =
        new Framework(List.of(plugin), Map.of(), new Random(1))
            .schedule(memoryHeavy, List.of(cpuHeavy, idle));
    assertThat(((Framework.Result.Selected) r).node()).isEqualTo("cpu-heavy");
  }
}
