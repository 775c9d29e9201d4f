package io.nauta.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionTaintsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123Z");

  private static Node node(String ready, boolean cordoned, String memoryPressure, Taint... taints) {
    NodeBuilder b =
        new NodeBuilder()
            .withNewMetadata()
            .withName("n")
            .endMetadata()
            .withNewSpec()
            .withUnschedulable(cordoned ? true : null)
            .withTaints(taints)
            .endSpec()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready)
            .endCondition()
            .addNewCondition()
            .withType("MemoryPressure")
            .withStatus(memoryPressure)
            .endCondition()
            .endStatus();
    return b.build();
  }

  private static List<String> ids(List<Taint> taints) {
    return taints.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("healthy", node("True", false, "False"), List.of()),
        Arguments.of(
            "not ready",
            node("False", false, "False"),
            List.of(
                "node.kubernetes.io/not-ready:NoExecute",
                "node.kubernetes.io/not-ready:NoSchedule")),
        Arguments.of(
            "unreachable",
            node("Unknown", false, "Unknown"),
            List.of(
                "node.kubernetes.io/unreachable:NoExecute",
                "node.kubernetes.io/unreachable:NoSchedule")),
        Arguments.of(
            "cordoned",
            node("True", true, "False"),
            List.of("node.kubernetes.io/unschedulable:NoSchedule")),
        Arguments.of(
            "memory pressure",
            node("True", false, "True"),
            List.of("node.kubernetes.io/memory-pressure:NoSchedule")),
        Arguments.of(
            "recovered: managed taints go, the user's stay",
            node(
                "True",
                false,
                "False",
                new TaintBuilder()
                    .withKey("dedicated")
                    .withValue("db")
                    .withEffect("NoSchedule")
                    .build(),
                new TaintBuilder()
                    .withKey("node.kubernetes.io/unreachable")
                    .withEffect("NoExecute")
                    .build()),
            List.of("dedicated:NoSchedule")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void taintsFollowConditions(String name, Node node, List<String> expected) {
    assertThat(ids(ConditionTaints.desired(node, NOW))).containsExactlyElementsOf(expected);
  }

  @Test
  void aNewNoExecuteTaintIsStampedAndAnExistingOneKeepsItsTime() {
    Taint fresh = ConditionTaints.desired(node("Unknown", false, "False"), NOW).get(0);
    assertThat(fresh.getTimeAdded()).isEqualTo("2026-12-01T10:00:00Z");
    Taint old =
        new TaintBuilder()
            .withKey("node.kubernetes.io/unreachable")
            .withEffect("NoExecute")
            .withTimeAdded("2026-12-01T09:00:00Z")
            .build();
    List<Taint> kept = ConditionTaints.desired(node("Unknown", false, "False", old), NOW);
    assertThat(kept.get(0).getTimeAdded()).isEqualTo("2026-12-01T09:00:00Z");
    assertThat(kept).hasSize(2);
  }
}
