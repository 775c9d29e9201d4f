package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.client.events.EventRecorder;
import io.nauta.cri.CriClient;
import io.nauta.cri.CriException;
import io.nauta.cri.v1.ContainerConfig;
import io.nauta.cri.v1.ContainerFilter;
import io.nauta.cri.v1.ContainerState;
import io.nauta.cri.v1.ContainerStatus;
import io.nauta.cri.v1.PodSandboxConfig;
import io.nauta.cri.v1.PodSandboxFilter;
import io.nauta.node.images.ImagePuller;
import io.nauta.node.lifecycle.Hooks;
import io.nauta.node.logs.LogRotation;
import io.nauta.node.security.SecurityContexts;
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

  private final KubernetesClient client;
  private final CriClient cri;
  private final EventRecorder events;
  private final Clock clock;
  private final Path logs;
  private final String nodeIp;
  private final Supplier<Pod> current;
  private final ContainerInputs inputs;
  private String uid;
  private final LinuxConfigs linux;
  private final ImagePuller images;
  private final ContainerLifecycle lifecycle;
  private final ContainerProbes probes;
  private final LogRotation logRotation;
  private String sandboxId;
  private String podIp;
  private final Map<String, Tracked> containers = new HashMap<>();
  private Instant startTime;
  private boolean initialized;
  private Pod seen;

  PodWorker(
      KubernetesClient client,
      CriClient cri,
      EventRecorder events,
      Clock clock,
      Path logs,
      String nodeIp,
      Supplier<Pod> current,
      io.nauta.node.images.Registries registries,
      ContainerInputs inputs,
      LinuxConfigs linux) {
    this.client = client;
    this.cri = cri;
    this.events = events;
    this.clock = clock;
    this.logs = logs;
    this.nodeIp = nodeIp;
    this.current = current;
    this.inputs = inputs;
    this.linux = linux;
    this.images =
        new ImagePuller(
            cri,
            events,
            clock,
            (ns, name) -> client.secrets().inNamespace(ns).withName(name).get(),
            registries);
    this.lifecycle = new ContainerLifecycle(cri, events, Hooks.of(cri), clock);
    this.probes = new ContainerProbes(cri, events, clock, lifecycle);
    this.logRotation = new LogRotation(LogRotation.MAX_BYTES, LogRotation.MAX_FILES, clock);
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
    seen = pod;
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
    PodSandboxConfig sandbox =
        linux.sandbox(pod, CriConfigs.sandbox(pod, logs.resolve(dirName(pod))));
    boolean mounted = inputs.setUpVolumes(pod);
    if (mounted) {
      ensureSandbox(pod, sandbox);
      initialized =
          InitOrder.run(
              pod.getSpec().getInitContainers(),
              initialized,
              c -> ensureProbed(pod, sandbox, c, true));
    } else if (pod.getSpec().getInitContainers().isEmpty()) {
      // nothing to initialize: the pod is Initialized, its containers wait in ContainerCreating
      initialized = true;
    }
    if (initialized && sandboxId != null) {
      for (Container c : pod.getSpec().getContainers()) {
        ensureProbed(pod, sandbox, c, false);
      }
      stopSidecarsWhenDone(pod);
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
        linux.cgroups().prepare(pod);
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
      if (podIp.isEmpty() && Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
        podIp = nodeIp;
      }
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

  /** Starts or restarts the container as its policy says, probes it; returns its progress. */
  private InitOrder.Progress ensureProbed(
      Pod pod, PodSandboxConfig sandbox, Container c, boolean init) {
    String policy = InitOrder.policy(pod.getSpec().getRestartPolicy(), c, init);
    ContainerStatus s = ensureRunning(pod, sandbox, c, policy);
    Tracked t = containers.get(c.getName());
    if (s != null
        && s.getState() == ContainerState.CONTAINER_RUNNING
        && !s.getLogPath().isEmpty()) {
      String id = s.getId();
      logRotation.check(Path.of(s.getLogPath()), log -> cri.reopenContainerLog(id));
    }
    if (!init || InitOrder.isSidecar(c)) {
      probes.probe(pod, c, t, s, podIp);
    } else {
      t.started = s != null && s.getState() == ContainerState.CONTAINER_RUNNING;
    }
    return InitOrder.progress(s, t.started);
  }

  /** Once the regular containers are done for good, stops the sidecars, last first, for good. */
  private void stopSidecarsWhenDone(Pod pod) {
    List<ContainerStatus> regular = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      Tracked t = containers.get(c.getName());
      regular.add(t == null || t.id == null ? null : statusOf(t.id));
    }
    if (!InitOrder.regularDone(pod.getSpec().getRestartPolicy(), regular)) {
      return;
    }
    for (Container c : pod.getSpec().getInitContainers().reversed()) {
      Tracked t = containers.get(c.getName());
      if (InitOrder.isSidecar(c) && t != null && t.id != null && !t.stopped) {
        t.stopped = true;
        lifecycle.stop(
            pod,
            c,
            t.id,
            podIp,
            ContainerLifecycle.grace(pod),
            "Stopping container " + c.getName());
      }
    }
  }

  /**
   * Starts the container if it never ran, restarts it when the policy says so and its backoff has
   * passed; returns its current status (null if it could not be created yet).
   */
  private ContainerStatus ensureRunning(
      Pod pod, PodSandboxConfig sandbox, Container c, String policy) {
    Tracked t = containers.computeIfAbsent(c.getName(), n -> new Tracked());
    ContainerStatus status = t.id == null ? null : statusOf(t.id);
    if (status != null && status.getState() != ContainerState.CONTAINER_EXITED) {
      return status;
    }
    if (status != null) {
      if (t.stopped || !InitOrder.restarts(policy, status.getExitCode())) {
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
      t.lastTerminated = status;
      removeQuietly(t.id);
      t.id = null;
    }
    try {
      var pulled = images.ensure(pod, c, sandbox);
      if (pulled instanceof ImagePuller.Waiting w) {
        t.waiting(w.reason(), w.message());
        return null;
      }
      var refused =
          SecurityContexts.verifyRunAsNonRoot(pod, c, ((ImagePuller.Ready) pulled).image());
      if (refused.isPresent()) {
        if (t.waiting("CreateContainerConfigError", refused.get())) {
          events.warning(pod, "Failed", "Error: " + refused.get());
        }
        return null;
      }
      makeDirectory(Path.of(sandbox.getLogDirectory(), c.getName()));
      var inputsOrBlocked = inputs.complete(pod, c, CriConfigs.container(pod, c, t.attempt), podIp);
      if (inputsOrBlocked instanceof ContainerInputs.Blocked blocked) {
        if (t.waiting(ContainerInputs.CONFIG_ERROR, blocked.message())) {
          events.warning(pod, "Failed", "Error: " + blocked.message());
        }
        return null;
      }
      ContainerConfig config =
          linux.container(pod, c, ((ContainerInputs.Ready) inputsOrBlocked).config());
      String id = cri.createContainer(sandboxId, config, sandbox);
      t.id = id; // from here on the runtime's status tells (a failed start exits: StartError)
      t.waiting(null, null);
      events.normal(pod, "Created", "Created container " + c.getName());
      cri.startContainer(id);
      events.normal(pod, "Started", "Started container " + c.getName());
      lifecycle.postStart(pod, c, id, podIp);
      return statusOf(id);
    } catch (CriException e) {
      LOG.info(
          "pod {}: container {} not started: {}",
          pod.getMetadata().getName(),
          c.getName(),
          e.getMessage());
      if (t.id != null || t.waiting("CreateContainerError", e.getMessage())) {
        events.warning(pod, "Failed", "Error: " + e.getMessage());
      }
      return t.id == null ? null : statusOf(t.id);
    }
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
                  t.waitingMessage,
                  t.lastTerminated,
                  t.stopped));
        });
    return out;
  }

  /**
   * Stops the containers within {@code grace} (preStop hooks, regular containers before sidecars),
   * then the sandbox, and removes them and the pod's cgroup.
   */
  private void tearDown(Pod pod, Duration grace) {
    Map<String, String> ids = new HashMap<>();
    containers.forEach(
        (name, t) -> {
          if (t.id != null) {
            ids.put(name, t.id);
          }
        });
    lifecycle.terminate(pod, ids, podIp, grace);
    ids.values().forEach(this::removeQuietly);
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
    if (seen != null) {
      linux.cgroups().remove(seen);
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
