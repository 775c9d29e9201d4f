package io.nauta.controllers.podgc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodGarbageTest {
  private static Pod pod(String name, String node, String phase, int minute, boolean deleting) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .withCreationTimestamp("2026-12-01T10:%02d:00Z".formatted(minute))
        .withDeletionTimestamp(deleting ? "2026-12-01T11:00:00Z" : null)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }

  private static Node node(String name, boolean ready, boolean outOfService) {
    NodeBuilder b =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready ? "True" : "Unknown")
            .endCondition()
            .endStatus();
    if (outOfService) {
      b.editSpec()
          .addNewTaint()
          .withKey(PodGarbage.OUT_OF_SERVICE)
          .withValue("nodeshutdown")
          .withEffect("NoExecute")
          .endTaint()
          .endSpec();
    }
    return b.build();
  }

  private static Map<String, PodGarbage.Reason> reasons(List<PodGarbage.Victim> victims) {
    return victims.stream()
        .collect(
            java.util.stream.Collectors.toMap(
                v -> v.pod().getMetadata().getName(), v -> v.reason()));
  }

  @Test
  void deletesTheOldestFinishedPodsBeyondTheThreshold() {
    List<Pod> pods =
        List.of(
            pod("new-done", "n1", "Succeeded", 30, false),
            pod("old-failed", "n1", "Failed", 1, false),
            pod("mid-done", "n1", "Succeeded", 10, false),
            pod("running", "n1", "Running", 0, false));
    var victims = PodGarbage.select(pods, Map.of("n1", node("n1", true, false)), 1, n -> true);
    assertThat(reasons(victims))
        .isEqualTo(
            Map.of(
                "old-failed", PodGarbage.Reason.TERMINATED,
                "mid-done", PodGarbage.Reason.TERMINATED));
    assertThat(PodGarbage.select(pods, Map.of("n1", node("n1", true, false)), 0, n -> true))
        .isEmpty();
  }

  @Test
  void deletesOrphansOnlyOnceTheirNodeIsSurelyGone() {
    List<Pod> pods = List.of(pod("orphan", "ghost", "Running", 0, false));
    assertThat(PodGarbage.select(pods, Map.of(), 100, n -> false)).isEmpty();
    assertThat(reasons(PodGarbage.select(pods, Map.of(), 100, n -> n.equals("ghost"))))
        .isEqualTo(Map.of("orphan", PodGarbage.Reason.ORPHANED));
  }

  @Test
  void finishesTerminatingPodsNoAgentWillFinish() {
    List<Pod> pods =
        List.of(
            pod("never-scheduled", null, "Pending", 0, true),
            pod("on-dead-node", "down", "Running", 0, true),
            pod("on-unreachable-node", "unreachable", "Running", 0, true),
            pod("on-healthy-node", "up", "Running", 0, true));
    Map<String, Node> nodes =
        Map.of(
            "down", node("down", false, true),
            "unreachable", node("unreachable", false, false),
            "up", node("up", true, true));
    assertThat(reasons(PodGarbage.select(pods, nodes, 100, n -> true)))
        .isEqualTo(
            Map.of(
                "never-scheduled", PodGarbage.Reason.UNSCHEDULED_TERMINATING,
                "on-dead-node", PodGarbage.Reason.OUT_OF_SERVICE));
  }
}
