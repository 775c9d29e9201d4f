package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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

  /**
   * One container as observed: its runtime status (null before it exists), restarts, probe results,
   * why it waits (null: nothing in particular), the status of its previous run (null if none) and
   * whether it was stopped for good (a sidecar once the pod is done).
   */
  record Observed(
      String name,
      String id,
      ContainerStatus status,
      int restarts,
      boolean started,
      boolean ready,
      String waitingReason,
      String waitingMessage,
      ContainerStatus lastTerminated,
      boolean stopped) {}

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
    List<io.fabric8.kubernetes.api.model.ContainerStatus> inits = new ArrayList<>();
    boolean initFailed = false;
    boolean sidecarsReady = true;
    for (var c : pod.getSpec().getInitContainers()) {
      var st =
          ContainerStatuses.of(
              c, byName.get(c.getName()), InitOrder.policy(policy, c, true), "PodInitializing");
      inits.add(st);
      if (InitOrder.isSidecar(c)) {
        sidecarsReady &= st.getReady();
      } else if (st.getState().getTerminated() != null
          && st.getState().getTerminated().getExitCode() != 0) {
        initFailed = true;
      }
    }
    List<io.fabric8.kubernetes.api.model.ContainerStatus> statuses = new ArrayList<>();
    int running = 0;
    int readyCount = 0;
    int succeeded = 0;
    int failed = 0;
    boolean crashLooping = false;
    int total = pod.getSpec().getContainers().size();
    for (var c : pod.getSpec().getContainers()) {
      var st =
          ContainerStatuses.of(
              c,
              byName.get(c.getName()),
              policy,
              initialized ? "ContainerCreating" : "PodInitializing");
      statuses.add(st);
      var state = st.getState();
      if (st.getReady()) {
        readyCount++;
      }
      if (state.getRunning() != null) {
        running++;
      } else if (state.getTerminated() != null) {
        if (state.getTerminated().getExitCode() == 0) {
          succeeded++;
        } else {
          failed++;
        }
      } else if ("CrashLoopBackOff".equals(state.getWaiting().getReason())) {
        crashLooping = true;
      }
    }
    String phase;
    if (initFailed || (succeeded + failed == total && total > 0)) {
      phase = initFailed || failed > 0 ? "Failed" : "Succeeded";
    } else if (running + succeeded + failed == total || crashLooping) {
      phase = "Running";
    } else {
      phase = "Pending";
    }
    boolean ready = readyCount == total && sidecarsReady && "Running".equals(phase);
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
        .withInitContainerStatuses(inits)
        .withContainerStatuses(statuses)
        .withQosClass(
            old.getQosClass() != null
                ? old.getQosClass()
                : io.nauta.node.resources.QosClass.of(pod).name())
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

  private static boolean same(PodStatus a, PodStatus b) {
    return Objects.equals(a.getPhase(), b.getPhase())
        && Objects.equals(a.getPodIP(), b.getPodIP())
        && Objects.equals(a.getConditions(), b.getConditions())
        && Objects.equals(a.getQosClass(), b.getQosClass())
        && Objects.equals(a.getInitContainerStatuses(), b.getInitContainerStatuses())
        && Objects.equals(a.getContainerStatuses(), b.getContainerStatuses());
  }
}
