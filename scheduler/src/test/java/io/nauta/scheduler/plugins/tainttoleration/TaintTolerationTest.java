package io.nauta.scheduler.plugins.tainttoleration;

import static io.nauta.scheduler.testing.Fixtures.pod;
import static io.nauta.scheduler.testing.Fixtures.taintedNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaintTolerationTest {
  private final TaintToleration plugin = new TaintToleration();

  private static Pod tolerating(Toleration... t) {
    return pod("p", null, null).editSpec().withTolerations(t).endSpec().build();
  }

  static Stream<Arguments> cases() {
    NodeInfo gpu = NodeInfo.of(taintedNode("n", "dedicated", "gpu", "NoSchedule"), List.of());
    NodeInfo soft =
        NodeInfo.of(taintedNode("n", "dedicated", "gpu", "PreferNoSchedule"), List.of());
    return Stream.of(
        Arguments.of("untolerated NoSchedule", pod("p"), gpu, false),
        Arguments.of(
            "Equal with the same value",
            tolerating(new Toleration("NoSchedule", "dedicated", "Equal", null, "gpu")),
            gpu,
            true),
        Arguments.of(
            "Equal with another value",
            tolerating(new Toleration("NoSchedule", "dedicated", "Equal", null, "cpu")),
            gpu,
            false),
        Arguments.of(
            "Exists on the key",
            tolerating(new Toleration(null, "dedicated", "Exists", null, null)),
            gpu,
            true),
        Arguments.of(
            "Exists with no key tolerates all",
            tolerating(new Toleration(null, null, "Exists", null, null)),
            gpu,
            true),
        Arguments.of(
            "another effect",
            tolerating(new Toleration("NoExecute", "dedicated", "Exists", null, null)),
            gpu,
            false),
        Arguments.of("PreferNoSchedule never filters", pod("p"), soft, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filters(String name, Pod pod, NodeInfo node, boolean fits) {
    var s = plugin.filter(new CycleState(), pod, node);
    assertThat(s.isSuccess()).isEqualTo(fits);
    if (!fits) {
      assertThat(s.reasons()).containsExactly("node(s) had untolerated taint {dedicated: gpu}");
    }
  }

  @Test
  void prefersNodesWithFewerUntoleratedSoftTaints() {
    NodeInfo soft = NodeInfo.of(taintedNode("soft", "a", "b", "PreferNoSchedule"), List.of());
    NodeInfo clean =
        NodeInfo.of(
            io.nauta.scheduler.testing.Fixtures.node("clean", "1", "1Gi").build(), List.of());
    Map<String, Long> scores = new HashMap<>();
    for (NodeInfo n : List.of(soft, clean)) {
      scores.put(n.name(), plugin.score(new CycleState(), pod("p"), n));
    }
    plugin.normalize(new CycleState(), pod("p"), scores);
    assertThat(scores).containsEntry("clean", 100L).containsEntry("soft", 0L);
  }
}
