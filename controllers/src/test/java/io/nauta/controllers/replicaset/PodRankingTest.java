package io.nauta.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodRankingTest {

  private static Pod pod(String name, String node, String phase, boolean ready, String created) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withLastTransitionTime(created)
        .endCondition()
        .endStatus()
        .build();
  }

  @Test
  void deletesUnscheduledThenPendingThenNotReadyThenNewestFirst() {
    Pod oldRunning = pod("old-running", "n1", "Running", true, "2026-01-01T00:00:00Z");
    Pod newRunning = pod("new-running", "n1", "Running", true, "2026-01-02T00:00:00Z");
    Pod notReady = pod("not-ready", "n1", "Running", false, "2026-01-01T00:00:00Z");
    Pod pending = pod("pending", "n1", "Pending", false, "2026-01-01T00:00:00Z");
    Pod unscheduled = pod("unscheduled", null, "Pending", false, "2026-01-01T00:00:00Z");

    List<Pod> order =
        PodRanking.toDelete(List.of(oldRunning, newRunning, notReady, pending, unscheduled), 5);

    assertThat(order)
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("unscheduled", "pending", "not-ready", "new-running", "old-running");
    assertThat(PodRanking.toDelete(List.of(oldRunning, newRunning), 1))
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("new-running");
  }
}
