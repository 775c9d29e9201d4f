package io.nauta.node.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.nauta.cri.v1.ContainerState;
import io.nauta.cri.v1.ContainerStatus;
import org.junit.jupiter.api.Test;

class ContainerStatusesTest {
  private final Container c = new ContainerBuilder().withName("c").withImage("img").build();

  private static ContainerStatus oomKilled() {
    return ContainerStatus.newBuilder()
        .setId("old")
        .setState(ContainerState.CONTAINER_EXITED)
        .setExitCode(137)
        .setReason("OOMKilled")
        .setStartedAt(1_700_000_000_000_000_000L)
        .setFinishedAt(1_700_000_001_000_000_000L)
        .build();
  }

  private static PodStatuses.Observed observed(
      ContainerStatus s, String reason, ContainerStatus last, boolean stopped) {
    return new PodStatuses.Observed(
        "c",
        s == null ? null : "id1",
        s,
        1,
        true,
        true,
        reason,
        reason == null ? null : "why",
        last,
        stopped);
  }

  @Test
  void aContainerKilledForMemoryThatWillNotRestartIsTerminatedOomKilled() {
    var st = ContainerStatuses.of(c, observed(oomKilled(), null, null, false), "Never", "x");
    assertThat(st.getState().getTerminated().getReason()).isEqualTo("OOMKilled");
    assertThat(st.getState().getTerminated().getExitCode()).isEqualTo(137);
    assertThat(st.getState().getTerminated().getStartedAt()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(st.getLastState().getTerminated()).isNull();
  }

  @Test
  void aContainerWaitingToRestartShowsHowItEndedAsLastState() {
    var st = ContainerStatuses.of(c, observed(oomKilled(), null, null, false), "Always", "x");
    assertThat(st.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(st.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
    assertThat(st.getLastState().getTerminated().getContainerID()).isEqualTo("containerd://old");
  }

  @Test
  void aRestartedContainerRunsWithItsPreviousEndAsLastState() {
    ContainerStatus running =
        ContainerStatus.newBuilder()
            .setState(ContainerState.CONTAINER_RUNNING)
            .setStartedAt(1_700_000_002_000_000_000L)
            .build();
    var st = ContainerStatuses.of(c, observed(running, null, oomKilled(), false), "Always", "x");
    assertThat(st.getState().getRunning().getStartedAt()).isEqualTo("2023-11-14T22:13:22Z");
    assertThat(st.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
    assertThat(st.getReady()).isTrue();
    assertThat(st.getStarted()).isTrue();
  }

  @Test
  void waitingReasonsOfTheWorkerOrTheDefault() {
    var pulling =
        ContainerStatuses.of(
            c, observed(null, "ImagePullBackOff", null, false), "Always", "ContainerCreating");
    assertThat(pulling.getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
    assertThat(pulling.getState().getWaiting().getMessage()).isEqualTo("why");
    assertThat(pulling.getReady()).isFalse();
    var fresh = ContainerStatuses.of(c, null, "Always", "PodInitializing");
    assertThat(fresh.getState().getWaiting().getReason()).isEqualTo("PodInitializing");
    assertThat(fresh.getRestartCount()).isZero();
    assertThat(fresh.getLastState().getTerminated()).isNull();
  }

  @Test
  void aSidecarStoppedForGoodIsTerminated() {
    ContainerStatus ended =
        ContainerStatus.newBuilder()
            .setState(ContainerState.CONTAINER_EXITED)
            .setExitCode(143)
            .build();
    var st = ContainerStatuses.of(c, observed(ended, null, null, true), "Always", "x");
    assertThat(st.getState().getTerminated().getExitCode()).isEqualTo(143);
    assertThat(st.getState().getTerminated().getReason()).isEqualTo("Error");
  }
}
