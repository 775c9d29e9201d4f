package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One container's API status from what the runtime and the worker observed, as a kubelet reports
 * it: running; terminated with exit code and reason (the runtime's, e.g. {@code OOMKilled}, else
 * Completed or Error) when it will not restart; waiting in CrashLoopBackOff when it will; waiting
 * with the worker's reason (ErrImagePull, ImagePullBackOff, CreateContainerConfigError, ...) or
 * {@code defaultReason} before it exists. {@code lastState} holds the previous run's end. Pure.
 */
final class ContainerStatuses {
  private ContainerStatuses() {}

  /**
   * @param o what was observed ({@code null}: nothing yet)
   * @param policy the container's restart policy (Always, OnFailure, Never)
   */
  static ContainerStatus of(
      Container c, PodStatuses.Observed o, String policy, String defaultReason) {
    io.nauta.cri.v1.ContainerStatus s = o == null ? null : o.status();
    ContainerState state;
    ContainerState last = o == null ? null : terminated(o.lastTerminated(), o.id());
    boolean running = s != null && s.getState() == io.nauta.cri.v1.ContainerState.CONTAINER_RUNNING;
    if (running) {
      state = new ContainerStateBuilder().withNewRunning(time(s.getStartedAt())).build();
    } else if (s != null && s.getState() == io.nauta.cri.v1.ContainerState.CONTAINER_EXITED) {
      if (InitOrder.restarts(policy, s.getExitCode()) && !o.stopped()) {
        state =
            new ContainerStateBuilder()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off restarting failed container " + c.getName())
                .endWaiting()
                .build();
        last = terminated(s, o.id());
      } else {
        state = terminated(s, o.id());
      }
    } else {
      String reason = o == null || o.waitingReason() == null ? defaultReason : o.waitingReason();
      String message = o == null ? null : o.waitingMessage();
      state =
          new ContainerStateBuilder()
              .withNewWaiting()
              .withReason(reason)
              .withMessage(message)
              .endWaiting()
              .build();
    }
    boolean ready = running && o.ready();
    return new ContainerStatusBuilder()
        .withName(c.getName())
        .withImage(c.getImage())
        .withImageID(s == null ? "" : s.getImageRef())
        .withContainerID(o == null || o.id() == null ? null : "containerd://" + o.id())
        .withReady(ready)
        .withStarted(running && o.started())
        .withRestartCount(o == null ? 0 : o.restarts())
        .withState(state)
        .withLastState(last == null ? new ContainerState() : last)
        .build();
  }

  /** A terminated state of an exited container, or null if there is none. */
  private static ContainerState terminated(io.nauta.cri.v1.ContainerStatus s, String id) {
    if (s == null || s.getState() != io.nauta.cri.v1.ContainerState.CONTAINER_EXITED) {
      return null;
    }
    String reason = s.getReason();
    if (reason.isEmpty()) {
      reason = s.getExitCode() == 0 ? "Completed" : "Error";
    }
    ContainerStateTerminated t =
        new ContainerStateTerminatedBuilder()
            .withExitCode(s.getExitCode())
            .withReason(reason)
            .withMessage(s.getMessage().isEmpty() ? null : s.getMessage())
            .withStartedAt(time(s.getStartedAt()))
            .withFinishedAt(time(s.getFinishedAt()))
            .withContainerID("containerd://" + (s.getId().isEmpty() ? id : s.getId()))
            .build();
    return new ContainerStateBuilder().withTerminated(t).build();
  }

  static String time(long nanos) {
    return nanos <= 0
        ? null
        : Instant.ofEpochSecond(0, nanos).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
