package io.nauta.node.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nauta.cri.v1.ContainerState;
import io.nauta.cri.v1.ContainerStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusesTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private static Pod pod(String policy) {
    return Serialization.unmarshal(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","uid":"u"},
         "spec":{"restartPolicy":"%s",
                 "initContainers":[{"name":"setup","image":"i"},
                                   {"name":"proxy","image":"i","restartPolicy":"Always"}],
                 "containers":[{"name":"main","image":"i",
                                "resources":{"requests":{"cpu":"100m"}}}]}}
        """
            .formatted(policy),
        Pod.class);
  }

  private static ContainerStatus state(ContainerState s, int exit) {
    return ContainerStatus.newBuilder().setState(s).setExitCode(exit).setStartedAt(1).build();
  }

  private static PodStatuses.Observed seen(String name, ContainerStatus s, boolean ready) {
    return new PodStatuses.Observed(
        name, name + "-id", s, 0, ready, ready, null, null, null, false);
  }

  @Test
  void aRunningSidecarIsAnInitContainerStatusThatCountsForReadiness() {
    var running = state(ContainerState.CONTAINER_RUNNING, 0);
    var done = state(ContainerState.CONTAINER_EXITED, 0);
    var status =
        PodStatuses.compute(
            pod("Always"),
            List.of(
                seen("setup", done, false),
                seen("proxy", running, true),
                seen("main", running, true)),
            true,
            "10.0.0.2",
            "127.0.0.1",
            NOW,
            NOW);
    assertThat(status.getPhase()).isEqualTo("Running");
    assertThat(status.getQosClass()).isEqualTo("Burstable");
    assertThat(status.getInitContainerStatuses())
        .extracting(s -> s.getName() + ":" + s.getStarted() + ":" + s.getReady())
        .containsExactly("setup:false:false", "proxy:true:true");
    assertThat(status.getInitContainerStatuses().get(0).getState().getTerminated().getReason())
        .isEqualTo("Completed");
    assertThat(status.getConditions())
        .filteredOn(c -> c.getType().equals("Ready"))
        .extracting(c -> c.getStatus())
        .containsExactly("True");

    var notReady =
        PodStatuses.compute(
            pod("Always"),
            List.of(
                seen("setup", done, false),
                seen("proxy", running, false),
                seen("main", running, true)),
            true,
            "10.0.0.2",
            "127.0.0.1",
            NOW,
            NOW);
    assertThat(notReady.getConditions())
        .filteredOn(c -> c.getType().equals("Ready"))
        .extracting(c -> c.getStatus())
        .containsExactly("False");
  }

  @Test
  void beforeInitializationContainersWaitInPodInitializing() {
    var status =
        PodStatuses.compute(
            pod("Always"),
            List.of(seen("setup", state(ContainerState.CONTAINER_RUNNING, 0), false)),
            false,
            "10.0.0.2",
            "127.0.0.1",
            NOW,
            NOW);
    assertThat(status.getPhase()).isEqualTo("Pending");
    assertThat(status.getContainerStatuses().get(0).getState().getWaiting().getReason())
        .isEqualTo("PodInitializing");
    assertThat(status.getInitContainerStatuses().get(1).getState().getWaiting().getReason())
        .isEqualTo("PodInitializing");
  }

  @Test
  void aFailedInitContainerFailsAPodThatNeverRestarts() {
    var status =
        PodStatuses.compute(
            pod("Never"),
            List.of(seen("setup", state(ContainerState.CONTAINER_EXITED, 1), false)),
            false,
            "10.0.0.2",
            "127.0.0.1",
            NOW,
            NOW);
    assertThat(status.getPhase()).isEqualTo("Failed");
    assertThat(
            PodStatuses.compute(
                    pod("OnFailure"),
                    List.of(seen("setup", state(ContainerState.CONTAINER_EXITED, 1), false)),
                    false,
                    "10.0.0.2",
                    "127.0.0.1",
                    NOW,
                    NOW)
                .getPhase())
        .isEqualTo("Pending");
  }
}
