package io.nauta.scheduler.plugins.noderesources;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeResourcesFitTest {
  private final NodeResourcesFit plugin =
      new NodeResourcesFit(NodeResourcesFit.Strategy.LEAST_ALLOCATED);

  static Stream<Arguments> cases() {
    NodeInfo empty = NodeInfo.of(node("n", "2", "4Gi").build(), List.of());
    NodeInfo halfFull =
        NodeInfo.of(node("n", "2", "4Gi").build(), List.of(pod("a", "1", "3Gi").build()));
    Pod gpu =
        pod("gpu", null, null)
            .editSpec()
            .editFirstContainer()
            .editResources()
            .addToRequests("nvidia.com/gpu", new Quantity("1"))
            .endResources()
            .endContainer()
            .endSpec()
            .build();
    NodeInfo onePod =
        NodeInfo.of(
            node("n", "2", "4Gi")
                .editStatus()
                .addToAllocatable("pods", new Quantity("1"))
                .endStatus()
                .build(),
            List.of(pod("a")));
    return Stream.of(
        Arguments.of("fits on an empty node", pod("p", "1", "1Gi").build(), empty, List.of()),
        Arguments.of("no requests fit anywhere", pod("p"), halfFull, List.of()),
        Arguments.of(
            "too much cpu", pod("p", "3", null).build(), empty, List.of("Insufficient cpu")),
        Arguments.of(
            "existing pods count",
            pod("p", "1500m", "2Gi").build(),
            halfFull,
            List.of("Insufficient cpu", "Insufficient memory")),
        Arguments.of("extended resources", gpu, empty, List.of("Insufficient nvidia.com/gpu")),
        Arguments.of("pod count limit", pod("p"), onePod, List.of("Too many pods")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filters(String name, Pod pod, NodeInfo node, List<String> reasons) {
    CycleState state = new CycleState();
    plugin.preFilter(state, pod, List.of(node));
    Status s = plugin.filter(state, pod, node);
    assertThat(s.reasons()).containsExactlyElementsOf(reasons);
    assertThat(s.isSuccess()).isEqualTo(reasons.isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void scoresByStrategy(NodeResourcesFit.Strategy strategy, long expected) {
    NodeInfo node =
        NodeInfo.of(node("n", "4", "8Gi").build(), List.of(pod("a", "1", "2Gi").build()));
    long score =
        new NodeResourcesFit(strategy)
            .score(new CycleState(), pod("p", "500m", "1Gi").build(), node);
    assertThat(score).isEqualTo(expected);
  }

  static Stream<Arguments> strategies() {
    // after placing: 1.5 of 4 cpu and 3 of 8 GiB used
    return Stream.of(
        Arguments.of(NodeResourcesFit.Strategy.LEAST_ALLOCATED, 62L),
        Arguments.of(NodeResourcesFit.Strategy.MOST_ALLOCATED, 37L));
  }

  @Test
  void requestedToCapacityRatioFollowsTheShape() {
    // a bin-packing shape: the fuller the better, flat below 20% and above 80%
    NodeResourcesFit shaped =
        new NodeResourcesFit(
            NodeResourcesFit.Strategy.REQUESTED_TO_CAPACITY_RATIO,
            List.of(new NodeResourcesFit.Point(20, 0), new NodeResourcesFit.Point(80, 10)));
    assertThat(shaped.shaped(0)).isZero();
    assertThat(shaped.shaped(20)).isZero();
    assertThat(shaped.shaped(50)).isEqualTo(50);
    assertThat(shaped.shaped(80)).isEqualTo(100);
    assertThat(shaped.shaped(100)).isEqualTo(100);

    // after placing: cpu 1.5 of 4 (37%), memory 3 of 8 GiB (37%) -> 28 each
    NodeInfo node =
        NodeInfo.of(node("n", "4", "8Gi").build(), List.of(pod("a", "1", "2Gi").build()));
    assertThat(shaped.score(new CycleState(), pod("p", "500m", "1Gi").build(), node)).isEqualTo(28);
  }

  @Test
  void aShapeMustBeSensible() {
    assertThatThrownBy(() -> new NodeResourcesFit.Point(120, 1))
        .hasMessageContaining("utilization must be 0..100");
    assertThatThrownBy(
            () ->
                new NodeResourcesFit(
                    NodeResourcesFit.Strategy.REQUESTED_TO_CAPACITY_RATIO,
                    List.of(new NodeResourcesFit.Point(50, 1), new NodeResourcesFit.Point(50, 2))))
        .hasMessageContaining("must increase");
  }
}
