package io.nauta.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeEligibilityTest {
  private static final Map<String, String> SSD = Map.of("disk", "ssd", "zone", "a");

  private static Node node(Map<String, String> labels, Taint... taints) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName("n1")
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withTaints(taints)
        .endSpec()
        .build();
  }

  private static Taint taint(String key, String effect) {
    return new Taint(effect, key, null, null);
  }

  private static Toleration toleration(String key, String op, String value, String effect) {
    return new Toleration(effect, key, op, null, value);
  }

  private static PodSpecBuilder spec() {
    return new PodSpecBuilder().addNewContainer().withName("c").withImage("i").endContainer();
  }

  private static PodSpec affinity(String operator, String key, String... values) {
    return spec()
        .withNewAffinity()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .endMatchExpression()
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .endAffinity()
        .build();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no constraints", node(SSD), spec().build(), true, true),
        Arguments.of(
            "nodeSelector matches",
            node(SSD),
            spec().withNodeSelector(Map.of("disk", "ssd")).build(),
            true,
            true),
        Arguments.of(
            "nodeSelector does not match",
            node(SSD),
            spec().withNodeSelector(Map.of("disk", "hdd")).build(),
            false,
            false),
        Arguments.of(
            "required affinity In matches",
            node(SSD),
            affinity("In", "zone", "a", "b"),
            true,
            true),
        Arguments.of(
            "required affinity NotIn excludes",
            node(SSD),
            affinity("NotIn", "zone", "a"),
            false,
            false),
        Arguments.of(
            "required affinity on a missing label",
            node(SSD),
            affinity("Exists", "gpu"),
            false,
            false),
        Arguments.of(
            "another nodeName", node(SSD), spec().withNodeName("n2").build(), false, false),
        Arguments.of(
            "untolerated NoSchedule taint: not placed, but may stay",
            node(SSD, taint("dedicated", "NoSchedule")),
            spec().build(),
            false,
            true),
        Arguments.of(
            "untolerated NoExecute taint: evicted",
            node(SSD, taint("dedicated", "NoExecute")),
            spec().build(),
            false,
            false),
        Arguments.of(
            "PreferNoSchedule never keeps it away",
            node(SSD, taint("dedicated", "PreferNoSchedule")),
            spec().build(),
            true,
            true),
        Arguments.of(
            "tolerated by key and Exists",
            node(SSD, taint("dedicated", "NoSchedule")),
            spec().withTolerations(toleration("dedicated", "Exists", null, null)).build(),
            true,
            true),
        Arguments.of(
            "Equal with another value does not tolerate",
            node(SSD, new Taint("NoSchedule", "dedicated", null, "gpu")),
            spec().withTolerations(toleration("dedicated", "Equal", "db", "NoSchedule")).build(),
            false,
            true),
        Arguments.of(
            "an empty key with Exists tolerates everything",
            node(SSD, taint("a", "NoExecute"), taint("b", "NoSchedule")),
            spec().withTolerations(toleration(null, "Exists", null, null)).build(),
            true,
            true),
        Arguments.of(
            "a not-ready node still runs daemon pods (added toleration)",
            node(SSD, taint(NodeEligibility.NOT_READY, "NoExecute")),
            spec().build(),
            true,
            true),
        Arguments.of(
            "a cordoned node still runs daemon pods (added toleration)",
            node(SSD, taint("node.kubernetes.io/unschedulable", "NoSchedule")),
            spec().build(),
            true,
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesWhetherANodeRunsTheDaemonPod(
      String name, Node node, PodSpec spec, boolean shouldRun, boolean shouldContinueRunning) {
    var decision = NodeEligibility.decide(node, NodeEligibility.withDaemonTolerations(spec));
    assertThat(decision).isEqualTo(new NodeEligibility.Decision(shouldRun, shouldContinueRunning));
  }

  @Test
  void daemonTolerationsReplaceTheTemplatesOwnAndAreAddedOnce() {
    PodSpec own =
        spec()
            .withTolerations(
                new Toleration("NoExecute", NodeEligibility.NOT_READY, "Exists", 300L, null),
                toleration("dedicated", "Exists", null, "NoSchedule"))
            .build();
    PodSpec once = NodeEligibility.withDaemonTolerations(own);
    PodSpec twice = NodeEligibility.withDaemonTolerations(once);
    assertThat(twice.getTolerations()).isEqualTo(once.getTolerations()).hasSize(7);
    assertThat(once.getTolerations())
        .filteredOn(t -> NodeEligibility.NOT_READY.equals(t.getKey()))
        .singleElement()
        .satisfies(t -> assertThat(t.getTolerationSeconds()).isNull());
    assertThat(
            NodeEligibility.withDaemonTolerations(spec().withHostNetwork(true).build())
                .getTolerations())
        .extracting(Toleration::getKey)
        .contains("node.kubernetes.io/network-unavailable");
  }
}
