package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.client.events.EventRecorder;
import io.nauta.cri.CriClient;
import io.nauta.cri.CriException;
import io.nauta.cri.v1.ContainerFilter;
import io.nauta.cri.v1.ContainerState;
import io.nauta.cri.v1.ContainerStatus;
import io.nauta.cri.v1.PodSandboxConfig;
import io.nauta.cri.v1.PodSandboxFilter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one pod's containers in line with its spec, as a kubelet's pod worker does: a sandbox (the
 * network namespace every container joins; adopted if one with the pod's UID exists), init
 * containers one at a time to success, then every container, each image pulled first when absent
 * (or always, for {@code imagePullPolicy: Always}); exited containers restarted per the pod's
 * restartPolicy after a backoff doubling from 10 s to 5 min. After each pass it reports the status.
 * A pod being deleted has its containers stopped within its grace period, its sandbox removed, and
 * is then removed from the API. Not thread-safe: {@link PodWorkers} runs one pass at a time.
 */
final class PodWorker {
  private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
  static final Duration BACKOFF_START = Duration.ofSeconds(10);
  static final Duration BACKOFF_MAX = Duration.ofMinutes(5);

  /** What the worker knows of one container of the pod. */
  static final class Tracked {
    String id;
    int attempt;
    int restarts;
    Instant backoffUntil = Instant.MIN;
    Duration backoff = Duration.ZERO;
    String probedId;
    ProbeState startup;
    ProbeState liveness;
    ProbeState readiness;
    boolean started;
    boolean ready;
    String waitingReason;
    String waitingMessage;
  }

  private final KubernetesClient client;
  private final CriClient cri;
  private final EventRecorder events;
  private final Clock clock;
  private final Path logs;
  private final String nodeIp;
  private final Supplier<Pod> current;
  private final java.util.function.Consumer<String> plainHttp;
  private final ContainerInputs inputs;
  private String uid;
  private String sandboxId;
  private String podIp;
  private final Map<String, Tracked> containers = new HashMap<>();
  private Instant startTime;

  PodWorker(
      KubernetesClient client,
      CriClient cri,
      EventRecorder events,
      Clock clock,
      Path logs,
      String nodeIp,
      Supplier<Pod> current,
      java.util.function.Consumer<String> plainHttp,
      ContainerInputs inputs) {
    this.client = client;
    this.cri = cri;
    this.events = events;
    this.clock = clock;
    this.logs = logs;
    this.nodeIp = nodeIp;
    this.current = current;
    this.plainHttp = plainHttp;
    this.inputs = inputs;
  }

  /**
   * One pass. Returns false once the pod is gone and everything of it removed (the worker ends).
   */
  boolean sync() {
    Pod pod = current.get();
    if (pod == null) {
      tearDown(null, Duration.ZERO);
      return false;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      long grace =
          pod.getMetadata().getDeletionGracePeriodSeconds() == null
              ? 30
              : pod.getMetadata().getDeletionGracePeriodSeconds();
      tearDown(pod, Duration.ofSeconds(grace));
      try {
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .withGracePeriod(0)
            .delete();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
      return false;
    }
    if (startTime == null) {
      startTime = clock.instant();
      uid = pod.getMetadata().getUid();
    }
    PodSandboxConfig sandbox = CriConfigs.sandbox(pod, logs.resolve(dirName(pod)));
    boolean mounted = inputs.setUpVolumes(pod);
    if (mounted) {
      ensureSandbox(pod, sandbox);
    }
    boolean initialized = mounted && runInitContainers(pod, sandbox);
    if (initialized) {
      for (Container c : pod.getSpec().getContainers()) {
        ContainerStatus status = ensureRunning(pod, sandbox, c, false);
        probe(pod, c, containers.get(c.getName()), status);
      }
    }
    PodStatuses.report(
        client, pod, statuses(), initialized, podIp, nodeIp, startTime, clock.instant());
    return true;
  }

  private static String dirName(Pod pod) {
    return pod.getMetadata().getNamespace()
        + "_"
        + pod.getMetadata().getName()
        + "_"
        + pod.getMetadata().getUid();
  }

  private void ensureSandbox(Pod pod, PodSandboxConfig config) {
    if (sandboxId == null) {
      var existing =
          cri.listPodSandbox(
              PodSandboxFilter.newBuilder()
                  .putLabelSelector(CriConfigs.POD_UID, pod.getMetadata().getUid())
                  .build());
      var ready =
          existing.stream()
              .filter(s -> s.getState() == io.nauta.cri.v1.PodSandboxState.SANDBOX_READY)
              .findFirst();
      if (ready.isPresent()) {
        sandboxId = ready.get().getId();
        adoptContainers();
      } else {
        makeDirectory(Path.of(config.getLogDirectory()));
        sandboxId = cri.runPodSandbox(config);
        LOG.info(
            "pod {}/{}: sandbox {}",
            pod.getMetadata().getNamespace(),
            pod.getMetadata().getName(),
            sandboxId);
      }
    }
    if (podIp == null) {
      podIp = cri.podSandboxStatus(sandboxId).getNetwork().getIp();
    }
  }

  /** After an agent restart: the containers it started before, latest attempt of each name. */
  private void adoptContainers() {
    for (var c :
        cri.listContainers(ContainerFilter.newBuilder().setPodSandboxId(sandboxId).build())) {
      String name = c.getLabelsOrDefault(CriConfigs.CONTAINER_NAME, c.getMetadata().getName());
      Tracked t = containers.computeIfAbsent(name, n -> new Tracked());
      if (t.id == null || c.getMetadata().getAttempt() > t.attempt) {
        t.id = c.getId();
        t.attempt = c.getMetadata().getAttempt();
        t.restarts = t.attempt;
      }
    }
  }

  /** Runs the init containers in order; true once all have succeeded. */
  private boolean runInitContainers(Pod pod, PodSandboxConfig sandbox) {
    for (Container c : pod.getSpec().getInitContainers()) {
      ContainerStatus s = ensureRunning(pod, sandbox, c, true);
      if (s == null || s.getState() != ContainerState.CONTAINER_EXITED || s.getExitCode() != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Starts the container if it never ran, restarts it when the policy says so and its backoff has
   * passed; returns its current status (null if it could not be created yet).
   */
  private ContainerStatus ensureRunning(
      Pod pod, PodSandboxConfig sandbox, Container c, boolean init) {
    Tracked t = containers.computeIfAbsent(c.getName(), n -> new Tracked());
    ContainerStatus status = t.id == null ? null : statusOf(t.id);
    if (status != null && status.getState() != ContainerState.CONTAINER_EXITED) {
      return status;
    }
    if (status != null) {
      String policy = init ? "OnFailure" : pod.getSpec().getRestartPolicy();
      boolean again =
          "Always".equals(policy) || ("OnFailure".equals(policy) && status.getExitCode() != 0);
      if (!again || (init && status.getExitCode() == 0)) {
        return status;
      }
      Instant now = clock.instant();
      if (t.backoffUntil.equals(Instant.MIN)) {
        t.backoff = t.backoff.isZero() ? BACKOFF_START : min(t.backoff.multipliedBy(2));
        t.backoffUntil = now.plus(t.backoff);
        events.warning(
            pod,
            "BackOff",
            "Back-off restarting failed container "
                + c.getName()
                + " in pod "
                + pod.getMetadata().getName());
      }
      if (now.isBefore(t.backoffUntil)) {
        return status;
      }
      t.backoffUntil = Instant.MIN;
      t.attempt++;
      t.restarts++;
      removeQuietly(t.id);
    }
    try {
      Images.ensure(cri, events, pod, c, sandbox, plainHttp);
      makeDirectory(Path.of(sandbox.getLogDirectory(), c.getName()));
      var config = inputs.complete(pod, c, CriConfigs.container(pod, c, t.attempt), podIp);
      if (config instanceof ContainerInputs.Blocked blocked) {
        if (!blocked.message().equals(t.waitingMessage)) {
          events.warning(pod, "Failed", "Error: " + blocked.message());
        }
        t.waitingReason = ContainerInputs.CONFIG_ERROR;
        t.waitingMessage = blocked.message();
        return null;
      }
      t.waitingReason = null;
      t.waitingMessage = null;
      String id =
          cri.createContainer(sandboxId, ((ContainerInputs.Ready) config).config(), sandbox);
      events.normal(pod, "Created", "Created container " + c.getName());
      cri.startContainer(id);
      events.normal(pod, "Started", "Started container " + c.getName());
      t.id = id;
      return statusOf(id);
    } catch (CriException e) {
      LOG.info(
          "pod {}: container {} not started: {}",
          pod.getMetadata().getName(),
          c.getName(),
          e.getMessage());
      events.warning(pod, "Failed", "Error: " + e.getMessage());
      return null;
    }
  }

  /**
   * Runs the container's probes that are due: until the startup probe succeeds nothing else runs; a
   * failed startup or liveness probe kills the container (its restart policy then applies); the
   * readiness probe decides whether the container is ready.
   */
  private void probe(Pod pod, Container c, Tracked t, ContainerStatus s) {
    if (s == null || s.getState() != ContainerState.CONTAINER_RUNNING) {
      t.ready = false;
      t.started = false;
      return;
    }
    Instant now = clock.instant();
    if (!t.id.equals(t.probedId)) {
      Instant started = Instant.ofEpochSecond(0, s.getStartedAt());
      t.probedId = t.id;
      t.startup =
          c.getStartupProbe() == null ? null : new ProbeState(c.getStartupProbe(), started, null);
      t.liveness =
          c.getLivenessProbe() == null ? null : new ProbeState(c.getLivenessProbe(), started, true);
      t.readiness =
          c.getReadinessProbe() == null
              ? null
              : new ProbeState(c.getReadinessProbe(), started, false);
    }
    if (t.startup != null && !Boolean.TRUE.equals(t.startup.result())) {
      t.started = false;
      t.ready = false;
      if (t.startup.due(now) && failed(pod, c, t, t.startup, "Startup", now)) {
        kill(pod, c, t, "startup");
      }
      return;
    }
    t.started = true;
    if (t.liveness != null
        && t.liveness.due(now)
        && failed(pod, c, t, t.liveness, "Liveness", now)) {
      kill(pod, c, t, "liveness");
      return;
    }
    if (t.readiness != null && t.readiness.due(now)) {
      failed(pod, c, t, t.readiness, "Readiness", now);
    }
    t.ready = t.readiness == null || Boolean.TRUE.equals(t.readiness.result());
  }

  /** Runs a due probe; true when it has now failed {@code failureThreshold} times in a row. */
  private boolean failed(
      Pod pod, Container c, Tracked t, ProbeState probe, String kind, Instant now) {
    String failure = Prober.run(probe.probe(), cri, t.id, podIp);
    Boolean result = probe.record(failure, now);
    if (failure != null) {
      events.warning(pod, "Unhealthy", kind + " probe failed: " + failure);
    }
    return failure != null && Boolean.FALSE.equals(result);
  }

  private void kill(Pod pod, Container c, Tracked t, String probe) {
    events.normal(
        pod,
        "Killing",
        "Container " + c.getName() + " failed " + probe + " probe, will be restarted");
    long grace =
        pod.getSpec().getTerminationGracePeriodSeconds() == null
            ? 30
            : pod.getSpec().getTerminationGracePeriodSeconds();
    cri.stopContainer(t.id, Duration.ofSeconds(grace));
    t.ready = false;
    t.started = false;
  }

  private static void makeDirectory(Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Duration min(Duration d) {
    return d.compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : d;
  }

  private ContainerStatus statusOf(String id) {
    try {
      return cri.containerStatus(id);
    } catch (CriException e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
  }

  /** The status of every container the worker started, by name, with its restart count. */
  private List<PodStatuses.Observed> statuses() {
    List<PodStatuses.Observed> out = new ArrayList<>();
    containers.forEach(
        (name, t) -> {
          ContainerStatus s = t.id == null ? null : statusOf(t.id);
          out.add(
              new PodStatuses.Observed(
                  name,
                  t.id,
                  s,
                  t.restarts,
                  t.started,
                  t.ready,
                  t.waitingReason,
                  t.waitingMessage));
        });
    return out;
  }

  /** Stops the containers within {@code grace}, then the sandbox, and removes them. */
  private void tearDown(Pod pod, Duration grace) {
    for (Tracked t : containers.values()) {
      if (t.id != null) {
        try {
          cri.stopContainer(t.id, grace);
          if (pod != null) {
            events.normal(pod, "Killing", "Stopping container");
          }
        } catch (CriException e) {
          LOG.debug("container {} not stopped: {}", t.id, e.getMessage());
        }
        removeQuietly(t.id);
      }
    }
    if (sandboxId != null) {
      try {
        cri.stopPodSandbox(sandboxId);
        cri.removePodSandbox(sandboxId);
      } catch (CriException e) {
        LOG.debug("sandbox {} not removed: {}", sandboxId, e.getMessage());
      }
    }
    if (uid != null) {
      inputs.tearDown(uid);
    }
  }

  private void removeQuietly(String id) {
    try {
      cri.removeContainer(id);
    } catch (CriException e) {
      LOG.debug("container {} not removed: {}", id, e.getMessage());
    }
  }
}
