package io.nauta.node.server;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.cri.CriClient;
import io.nauta.cri.CriException;
import io.nauta.cri.v1.ContainerState;
import io.nauta.node.logs.ContainerLogReader;
import io.nauta.node.logs.LogOptions;
import io.nauta.node.pods.PodContainers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code GET /containerLogs/{ns}/{pod}/{container}}: a container's log file, chosen and refused the
 * way a kubelet does (the latest instance, or with {@code previous} the one before it; {@code "is
 * waiting to start"} when there is none), read by {@link ContainerLogReader}.
 */
final class LogsEndpoint {
  /** How often a followed log is looked at again. */
  private static final long FOLLOW_POLL_MILLIS = 200;

  private final PodSource pods;
  private final CriClient cri;
  private final Path root;
  private final Clock clock;

  LogsEndpoint(PodSource pods, CriClient cri, Path root, Clock clock) {
    this.pods = pods;
    this.cri = cri;
    this.root = root;
    this.clock = clock;
  }

  void serve(AgentRequest request, String namespace, String podName, String container)
      throws IOException, InterruptedException {
    Optional<Pod> found = pods.pod(namespace, podName);
    if (found.isEmpty()) {
      request.sendStatus(404, "NotFound", "pod \"" + podName + "\" not found");
      return;
    }
    Pod pod = found.get();
    Optional<Container> spec = containerSpec(pod, container);
    if (spec.isEmpty()) {
      request.sendStatus(
          400, "BadRequest", "container " + container + " is not valid for pod " + podName);
      return;
    }
    LogOptions options;
    try {
      options = options(request);
    } catch (IllegalArgumentException e) {
      request.sendStatus(400, "BadRequest", e.getMessage());
      return;
    }
    Path dir = PodContainers.logDirectory(root, pod).resolve(container);
    List<Integer> attempts = attempts(dir);
    var latest = PodContainers.latest(cri, pod, container);
    int chosen;
    boolean current = !options.previous();
    String quoted = "container \"" + container + "\" in pod \"" + podName + "\"";
    if (current) {
      if (attempts.isEmpty()) {
        request.sendStatus(
            400, "BadRequest", quoted + " is waiting to start: " + waitingReason(pod, container));
        return;
      }
      chosen = attempts.get(attempts.size() - 1);
    } else {
      // the previous instance is the one a restart replaced, or the dead one about to be replaced
      boolean latestDeadAndRestarting =
          latest.isPresent()
              && latest.get().getState() == ContainerState.CONTAINER_EXITED
              && willRestart(pod, spec.get(), latest.get().getId())
              && !attempts.isEmpty()
              && latest.get().getMetadata().getAttempt() == attempts.get(attempts.size() - 1);
      if (latestDeadAndRestarting) {
        chosen = attempts.get(attempts.size() - 1);
      } else if (attempts.size() >= 2) {
        chosen = attempts.get(attempts.size() - 2);
      } else {
        request.sendStatus(400, "BadRequest", "previous terminated " + quoted + " not found");
        return;
      }
    }
    String liveId =
        current && latest.isPresent() && latest.get().getMetadata().getAttempt() == chosen
            ? latest.get().getId()
            : null;
    OutputStream out = request.stream("text/plain");
    try (out) {
      ContainerLogReader.copy(
          dir.resolve(chosen + ".log"),
          options,
          out,
          () -> liveId != null && running(liveId),
          () -> {
            if (!request.isOpen()) {
              throw new InterruptedException("the client went away");
            }
            Thread.sleep(FOLLOW_POLL_MILLIS);
          });
    } catch (IOException | InterruptedException e) {
      // the client went away: nothing to answer
    }
  }

  private LogOptions options(AgentRequest r) {
    Instant since = null;
    Long sinceSeconds = number(r, "sinceSeconds");
    if (sinceSeconds != null) {
      since = clock.instant().minusSeconds(sinceSeconds);
    }
    String sinceTime = r.param("sinceTime");
    if (sinceTime != null) {
      try {
        since = OffsetDateTime.parse(sinceTime).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("invalid sinceTime: " + sinceTime);
      }
    }
    return new LogOptions(
        r.flag("follow"),
        r.flag("previous"),
        r.flag("timestamps"),
        number(r, "tailLines"),
        since,
        number(r, "limitBytes"));
  }

  private static Long number(AgentRequest r, String name) {
    String v = r.param(name);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid " + name + ": " + v);
    }
  }

  private boolean running(String id) {
    try {
      ContainerState s = cri.containerStatus(id).getState();
      return s == ContainerState.CONTAINER_RUNNING || s == ContainerState.CONTAINER_CREATED;
    } catch (CriException e) {
      return false;
    }
  }

  private boolean willRestart(Pod pod, Container c, String id) {
    boolean init = pod.getSpec().getInitContainers().stream().anyMatch(i -> i == c);
    String policy =
        pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
    int exit;
    try {
      exit = cri.containerStatus(id).getExitCode();
    } catch (CriException e) {
      return false;
    }
    if (init || policy.equals("OnFailure")) {
      return exit != 0 && !policy.equals("Never");
    }
    return policy.equals("Always");
  }

  /** The log files' attempt numbers, ascending. */
  private static List<Integer> attempts(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.matches("\\d+\\.log"))
          .map(n -> Integer.parseInt(n.substring(0, n.length() - 4)))
          .sorted()
          .toList();
    }
  }

  private static Optional<Container> containerSpec(Pod pod, String name) {
    return Stream.concat(
            pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream())
        .filter(c -> name.equals(c.getName()))
        .findFirst();
  }

  private static String waitingReason(Pod pod, String container) {
    if (pod.getStatus() != null) {
      for (ContainerStatus s :
          Stream.concat(
                  pod.getStatus().getInitContainerStatuses().stream(),
                  pod.getStatus().getContainerStatuses().stream())
              .toList()) {
        if (container.equals(s.getName())
            && s.getState() != null
            && s.getState().getWaiting() != null
            && s.getState().getWaiting().getReason() != null) {
          String reason = s.getState().getWaiting().getReason();
          return switch (reason) {
            case "ErrImagePull" -> "image can't be pulled";
            case "ImagePullBackOff" -> "trying and failing to pull image";
            default -> reason;
          };
        }
      }
    }
    return "ContainerCreating";
  }
}
