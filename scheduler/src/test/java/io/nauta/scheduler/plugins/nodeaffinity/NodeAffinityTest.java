package io.nauta.scheduler.plugins.nodeaffinity;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAffinityTest {
  private static final NodeInfo ZONE_A =
      NodeInfo.of(
          node("n1", "1", "1Gi")
              .editMetadata()
              .withLabels(Map.of("zone", "a", "disk", "ssd", "cores", "8"))
              .endMetadata()
              .build(),
          List.of());

  private static Pod requiring(String key, String op, String... values) {
    NodeSelectorTerm term =
        new NodeSelectorTerm(
            List.of(new NodeSelectorRequirement(key, op, List.of(values))), List.of());
    return pod("p", null, null)
        .editSpec()
        .withNewAffinity()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withNodeSelectorTerms(term)
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .endAffinity()
        .endSpec()
        .build();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no constraints", pod("p"), true),
        Arguments.of(
            "matching nodeSelector",
            pod("p", null, null).editSpec().withNodeSelector(Map.of("zone", "a")).endSpec().build(),
            true),
        Arguments.of(
            "other nodeSelector",
            pod("p", null, null).editSpec().withNodeSelector(Map.of("zone", "b")).endSpec().build(),
            false),
        Arguments.of("In", requiring("zone", "In", "a", "b"), true),
        Arguments.of("NotIn", requiring("zone", "NotIn", "a"), false),
        Arguments.of("Exists", requiring("disk", "Exists"), true),
        Arguments.of("DoesNotExist", requiring("gpu", "DoesNotExist"), true),
        Arguments.of("Gt", requiring("cores", "Gt", "4"), true),
        Arguments.of("Lt", requiring("cores", "Lt", "4"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filters(String name, Pod pod, boolean fits) {
    var s = new NodeAffinity().filter(new CycleState(), pod, ZONE_A);
    assertThat(s.isSuccess()).isEqualTo(fits);
    if (!fits) {
      assertThat(s.reasons()).containsExactly(NodeAffinity.REASON);
    }
  }
}
