package io.nauta.simulator;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A simulation feature of {@link NodeSimulator}: a running pod annotated {@value #EXIT_AFTER} (a
 * duration such as {@code 2s}, {@code 1m30s} or {@code PT2S}) has its containers exit that long
 * after they started, with the code of {@value #EXIT_CODE} (default 0), or of {@code
 * simulator.nauta.io/exit-code-index-<i>} for the pod with Job completion index {@code i}. Then, as
 * a kubelet would: restartPolicy Never (or OnFailure with code 0) ends the pod Succeeded or Failed
 * with terminated container states; Always, or OnFailure with a non-zero code, restarts the
 * containers (restartCount + 1) and they run again for the same time.
 */
final class PodExits implements AutoCloseable {
  static final String EXIT_AFTER = "simulator.nauta.io/exit-after";
  static final String EXIT_CODE = "simulator.nauta.io/exit-code";
  static final String EXIT_CODE_INDEX = "simulator.nauta.io/exit-code-index-";
  private static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

  private final KubernetesClient client;
  private final Clock clock;
  private final Function<String, Pod> lookup;
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("simulator-exits").daemon().factory());

  /**
   * @param lookup the current pod of a {@code namespace/name} key (the simulator's informer)
   */
  PodExits(KubernetesClient client, Clock clock, Function<String, Pod> lookup) {
    this.client = client;
    this.clock = clock;
    this.lookup = lookup;
  }

  /** Whether the pod finished (Succeeded or Failed): a node leaves it alone then. */
  static boolean finished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Schedules the exit of the running pod's current containers, once, if it is annotated. */
  void watch(Pod pod) {
    Duration after = exitAfter(pod);
    if (after == null) {
      return;
    }
    int restarts = restarts(pod);
    if (!scheduled.add(pod.getMetadata().getUid() + "/" + restarts)) {
      return;
    }
    Duration wait = Duration.between(clock.instant(), started(pod).plus(after));
    String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    String uid = pod.getMetadata().getUid();
    timer.schedule(
        () -> exit(key, uid, restarts), Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
  }

  private void exit(String key, String uid, int restarts) {
    Pod pod = lookup.apply(key);
    if (pod == null
        || !uid.equals(pod.getMetadata().getUid())
        || pod.getMetadata().getDeletionTimestamp() != null
        || finished(pod)
        || restarts(pod) != restarts) {
      return;
    }
    int code = exitCode(pod);
    String policy =
        pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
    boolean restart = "Always".equals(policy) || ("OnFailure".equals(policy) && code != 0);
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    Pod p = new PodBuilder(pod).build();
    List<ContainerStatus> statuses = new ArrayList<>();
    for (ContainerStatus s : p.getStatus().getContainerStatuses()) {
      ContainerState terminated =
          new ContainerStateBuilder()
              .withNewTerminated()
              .withExitCode(code)
              .withReason(code == 0 ? "Completed" : "Error")
              .withStartedAt(
                  s.getState() == null || s.getState().getRunning() == null
                      ? now
                      : s.getState().getRunning().getStartedAt())
              .withFinishedAt(now)
              .endTerminated()
              .build();
      ContainerStatusBuilder b = new ContainerStatusBuilder(s);
      if (restart) {
        b.withRestartCount(s.getRestartCount() == null ? 1 : s.getRestartCount() + 1)
            .withLastState(terminated)
            .withNewState()
            .withNewRunning(now)
            .endState();
      } else {
        b.withReady(false).withStarted(false).withState(terminated);
      }
      statuses.add(b.build());
    }
    p.getStatus().setContainerStatuses(statuses);
    if (!restart) {
      p.getStatus().setPhase(code == 0 ? "Succeeded" : "Failed");
      List<PodCondition> conditions = new ArrayList<>();
      for (PodCondition c : p.getStatus().getConditions()) {
        boolean readiness = "Ready".equals(c.getType()) || "ContainersReady".equals(c.getType());
        conditions.add(
            readiness
                ? new PodConditionBuilder(c)
                    .withStatus("False")
                    .withReason("PodCompleted")
                    .withLastTransitionTime(now)
                    .build()
                : c);
      }
      p.getStatus().setConditions(conditions);
    }
    try {
      client.pods().inNamespace(p.getMetadata().getNamespace()).resource(p).patchStatus();
    } catch (KubernetesClientException e) {
      scheduled.remove(uid + "/" + restarts); // seen again on its next update
    }
  }

  private static int restarts(Pod pod) {
    int n = 0;
    if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
        n += s.getRestartCount() == null ? 0 : s.getRestartCount();
      }
    }
    return n;
  }

  /** When the current containers started (the latest running start), or now. */
  private Instant started(Pod pod) {
    Instant latest = null;
    for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
      if (s.getState() != null
          && s.getState().getRunning() != null
          && s.getState().getRunning().getStartedAt() != null) {
        Instant t = Instant.parse(s.getState().getRunning().getStartedAt());
        latest = latest == null || t.isAfter(latest) ? t : latest;
      }
    }
    return latest == null ? clock.instant() : latest;
  }

  private static Duration exitAfter(Pod pod) {
    String v = annotations(pod).get(EXIT_AFTER);
    return v == null ? null : duration(v);
  }

  static int exitCode(Pod pod) {
    Map<String, String> a = annotations(pod);
    String index = a.get(COMPLETION_INDEX);
    String v = index == null ? null : a.get(EXIT_CODE_INDEX + index);
    if (v == null) {
      v = a.get(EXIT_CODE);
    }
    try {
      return v == null ? 0 : Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * A Go duration ({@code 1m30s}, {@code 500ms}) or an ISO-8601 one ({@code PT2S}); null if
   * neither.
   */
  static Duration duration(String s) {
    String v = s.strip();
    if (v.startsWith("P") || v.startsWith("p")) {
      try {
        return Duration.parse(v);
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
    return io.nauta.api.duration.GoDuration.tryParse(v).orElse(null);
  }

  private static Map<String, String> annotations(Pod pod) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
