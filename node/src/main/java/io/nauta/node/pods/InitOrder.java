package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.nauta.cri.v1.ContainerState;
import io.nauta.cri.v1.ContainerStatus;
import java.util.List;
import java.util.function.Function;

/**
 * The order of a pod's init containers, as a kubelet keeps it: one at a time, in spec order; a
 * regular init container must succeed before the next starts, a sidecar (an init container with
 * {@code restartPolicy: Always}) only has to be started (running, its postStart hook done and its
 * startup probe passed) and then keeps running beside the others. The pod is initialized when the
 * last one is passed; after that regular init containers never run again and sidecars are only kept
 * running. Pure.
 */
final class InitOrder {
  /** How far one init container got. */
  enum Progress {
    WAITING,
    RUNNING,
    STARTED,
    SUCCEEDED,
    FAILED
  }

  private InitOrder() {}

  static boolean isSidecar(Container c) {
    return "Always".equals(c.getRestartPolicy());
  }

  /** A container's progress from its runtime status ({@code null}: not created) and startedness. */
  static Progress progress(ContainerStatus s, boolean started) {
    if (s == null) {
      return Progress.WAITING;
    }
    if (s.getState() == ContainerState.CONTAINER_RUNNING) {
      return started ? Progress.STARTED : Progress.RUNNING;
    }
    if (s.getState() == ContainerState.CONTAINER_EXITED) {
      return s.getExitCode() == 0 ? Progress.SUCCEEDED : Progress.FAILED;
    }
    return Progress.WAITING;
  }

  /**
   * Walks {@code inits} in order, calling {@code ensure} (start or restart it as its policy says,
   * run its probes, return its progress) on each it reaches: before initialization up to the first
   * that has not passed, after it ({@code initialized}) on every sidecar. Returns whether the pod
   * is initialized now.
   */
  static boolean run(
      List<Container> inits, boolean initialized, Function<Container, Progress> ensure) {
    for (Container c : inits) {
      boolean sidecar = isSidecar(c);
      if (initialized && !sidecar) {
        continue;
      }
      Progress p = ensure.apply(c);
      if (!initialized && p != (sidecar ? Progress.STARTED : Progress.SUCCEEDED)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The restart policy of one container: the pod's for regular containers, Always for sidecars, and
   * for regular init containers OnFailure (Never when the pod's is Never: the pod then fails).
   */
  static String policy(String podPolicy, Container c, boolean init) {
    String pod = podPolicy == null ? "Always" : podPolicy;
    if (!init) {
      return pod;
    }
    if (isSidecar(c)) {
      return "Always";
    }
    return "Never".equals(pod) ? "Never" : "OnFailure";
  }

  /** Whether a container that exited with {@code exitCode} restarts under {@code policy}. */
  static boolean restarts(String policy, int exitCode) {
    return "Always".equals(policy) || ("OnFailure".equals(policy) && exitCode != 0);
  }

  /**
   * Whether every regular container has exited for good (so the pod is done and its sidecars are
   * stopped); {@code statuses} are theirs, {@code null} for one never created.
   */
  static boolean regularDone(String podPolicy, List<ContainerStatus> statuses) {
    String policy = podPolicy == null ? "Always" : podPolicy;
    if (statuses.isEmpty()) {
      return false;
    }
    for (ContainerStatus s : statuses) {
      if (s == null
          || s.getState() != ContainerState.CONTAINER_EXITED
          || restarts(policy, s.getExitCode())) {
        return false;
      }
    }
    return true;
  }
}
