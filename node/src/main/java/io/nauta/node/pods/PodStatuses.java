package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.cri.v1.ContainerState;
import io.nauta.cri.v1.ContainerStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A pod's status from what the runtime reports, as a kubelet computes it: container states
 * (waiting/running/terminated with exit code and reason), restart counts, the conditions
 * (Initialized, ContainersReady, Ready, PodScheduled) and the phase (Pending until every container
 * started, Running, Succeeded when all exited 0 and none will restart, Failed when one failed and
 * none will restart). Written only when it changed.
 */
final class PodStatuses {
  private PodStatuses() {}

  /** One container as observed: its runtime status (null before it exists) and restarts. */
  record Observed(
      String name,
      String id,
      ContainerStatus status,
      int restarts,
      boolean started,
      boolean ready,
      String waitingReason,
      String waitingMessage) {}

  static void report(
      KubernetesClient client,
      Pod pod,
      List<Observed> observed,
      boolean initialized,
      String podIp,
      String hostIp,
      Instant startTime,
      Instant now) {
    PodStatus next = compute(pod, observed, initialized, podIp, hostIp, startTime, now);
    PodStatus old = pod.getStatus();
    if (old != null && same(old, next)) {
      return;
    }
    Pod withStatus = new PodBuilder(pod).withStatus(next).build();
    withStatus.getMetadata().setResourceVersion(null);
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .resource(withStatus)
          .patchStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  static PodStatus compute(
      Pod pod,
      List<Observed> observed,
      boolean initialized,
      String podIp,
      String hostIp,
      Instant startTime,
      Instant now) {
    Map<String, Observed> byName =
        observed.stream().collect(Collectors.toMap(Observed::name, o -> o, (a, b) -> a));
    String policy =
        pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
    List<io.fabric8.kubernetes.api.model.ContainerStatus> statuses = new ArrayList<>();
    int running = 0;
    int readyCount = 0;
    int succeeded = 0;
    int failed = 0;
    int total = pod.getSpec().getContainers().size();
    for (var c : pod.getSpec().getContainers()) {
      Observed o = byName.get(c.getName());
      ContainerStatus s = o == null ? null : o.status();
      ContainerStateBuilder state = new ContainerStateBuilder();
      boolean isRunning = s != null && s.getState() == ContainerState.CONTAINER_RUNNING;
      boolean containerReady = isRunning && o.ready();
      if (containerReady) {
        readyCount++;
      }
      if (isRunning) {
        running++;
        state.withNewRunning(time(s.getStartedAt()));
      } else if (s != null && s.getState() == ContainerState.CONTAINER_EXITED) {
        boolean willRestart =
            "Always".equals(policy) || ("OnFailure".equals(policy) && s.getExitCode() != 0);
        if (willRestart) {
          state
              .withNewWaiting()
              .withReason("CrashLoopBackOff")
              .withMessage("back-off restarting failed container " + c.getName())
              .endWaiting();
        } else {
          state
              .withNewTerminated()
              .withExitCode(s.getExitCode())
              .withReason(
                  s.getReason().isEmpty()
                      ? (s.getExitCode() == 0 ? "Completed" : "Error")
                      : s.getReason())
              .withStartedAt(time(s.getStartedAt()))
              .withFinishedAt(time(s.getFinishedAt()))
              .withContainerID("containerd://" + o.id())
              .endTerminated();
          if (s.getExitCode() == 0) {
            succeeded++;
          } else {
            failed++;
          }
        }
      } else if (o != null && o.waitingReason() != null) {
        state
            .withNewWaiting()
            .withReason(o.waitingReason())
            .withMessage(o.waitingMessage())
            .endWaiting();
      } else {
        state.withNewWaiting().withReason("ContainerCreating").endWaiting();
      }
      statuses.add(
          new ContainerStatusBuilder()
              .withName(c.getName())
              .withImage(c.getImage())
              .withImageID(s == null ? "" : s.getImageRef())
              .withContainerID(o == null || o.id() == null ? null : "containerd://" + o.id())
              .withReady(containerReady)
              .withStarted(isRunning && o.started())
              .withRestartCount(o == null ? 0 : o.restarts())
              .withState(state.build())
              .build());
    }
    String phase;
    if (succeeded + failed == total && total > 0) {
      phase = failed > 0 ? "Failed" : "Succeeded";
    } else if (running + succeeded + failed == total
        || statuses.stream()
            .anyMatch(
                x ->
                    x.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(x.getState().getWaiting().getReason()))) {
      phase = "Running";
    } else {
      phase = "Pending";
    }
    boolean ready = readyCount == total && "Running".equals(phase);
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition(pod, "PodReadyToStartContainers", podIp != null, now));
    conditions.add(condition(pod, "Initialized", initialized, now));
    conditions.add(condition(pod, "Ready", ready, now));
    conditions.add(condition(pod, "ContainersReady", ready, now));
    conditions.add(condition(pod, "PodScheduled", true, now));
    PodStatus old = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    return new io.fabric8.kubernetes.api.model.PodStatusBuilder(old)
        .withPhase(phase)
        .withConditions(conditions)
        .withContainerStatuses(statuses)
        .withPodIP(podIp)
        .withPodIPs(podIp == null ? List.of() : List.of(new PodIP(podIp)))
        .withHostIP(hostIp)
        .withHostIPs(new io.fabric8.kubernetes.api.model.HostIP(hostIp))
        .withStartTime(startTime.truncatedTo(ChronoUnit.SECONDS).toString())
        .build();
  }

  private static PodCondition condition(Pod pod, String type, boolean status, Instant now) {
    String want = status ? "True" : "False";
    PodCondition before =
        pod.getStatus() == null
            ? null
            : pod.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElse(null);
    if (before != null && want.equals(before.getStatus())) {
      return before;
    }
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(want)
        .withLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString())
        .build();
  }

  private static String time(long nanos) {
    return nanos <= 0
        ? null
        : Instant.ofEpochSecond(0, nanos).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static boolean same(PodStatus a, PodStatus b) {
    return Objects.equals(a.getPhase(), b.getPhase())
        && Objects.equals(a.getPodIP(), b.getPodIP())
        && Objects.equals(a.getConditions(), b.getConditions())
        && Objects.equals(a.getContainerStatuses(), b.getContainerStatuses());
  }
}
