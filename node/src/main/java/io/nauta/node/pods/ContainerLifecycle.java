package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.client.events.EventRecorder;
import io.nauta.cri.CriClient;
import io.nauta.cri.CriException;
import io.nauta.cri.v1.ContainerState;
import io.nauta.node.lifecycle.Hooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting and stopping hooks around containers, as a kubelet runs them: the postStart hook right
 * after a start (a failure kills the container, which then restarts by its policy); and a graceful
 * stop: the preStop hook, then the stop signal and SIGKILL once what is left of the grace period
 * has passed (never less than {@link #MIN_GRACE}). A pod's termination stops its regular containers
 * together, then its sidecars one by one in reverse order. Thread-safe.
 */
final class ContainerLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerLifecycle.class);
  static final Duration MIN_GRACE = Duration.ofSeconds(2);
  static final long DEFAULT_GRACE_SECONDS = 30;

  private final CriClient cri;
  private final EventRecorder events;
  private final Hooks hooks;
  private final Clock clock;

  ContainerLifecycle(CriClient cri, EventRecorder events, Hooks hooks, Clock clock) {
    this.cri = cri;
    this.events = events;
    this.hooks = hooks;
    this.clock = clock;
  }

  /** The pod's {@code terminationGracePeriodSeconds} (default 30). */
  static Duration grace(Pod pod) {
    Long s = pod.getSpec().getTerminationGracePeriodSeconds();
    return Duration.ofSeconds(s == null ? DEFAULT_GRACE_SECONDS : s);
  }

  /**
   * Runs the postStart hook of the just-started container {@code id}; on failure records
   * FailedPostStartHook, stops the container and returns false.
   */
  boolean postStart(Pod pod, Container c, String id, String podIp) {
    LifecycleHandler hook = c.getLifecycle() == null ? null : c.getLifecycle().getPostStart();
    if (hook == null) {
      return true;
    }
    Optional<String> failure = hooks.run(hook, c, id, podIp, Duration.ZERO);
    if (failure.isEmpty()) {
      return true;
    }
    LOG.info(
        "pod {}: postStart hook of {} failed: {}",
        pod.getMetadata().getName(),
        c.getName(),
        failure.get());
    // like a kubelet, the event leaves out the hook's output (it may hold secrets)
    events.warning(pod, "FailedPostStartHook", "PostStartHook failed");
    stop(pod, c, id, podIp, grace(pod), "FailedPostStartHook");
    return false;
  }

  /**
   * Stops container {@code id} (spec {@code c}, may be null if unknown) gracefully: records Killing
   * with {@code why}, runs the preStop hook if it is running and time is left, then asks the
   * runtime to stop it within the rest of {@code grace}. Errors are logged, not thrown.
   */
  void stop(Pod pod, Container c, String id, String podIp, Duration grace, String why) {
    Instant deadline = clock.instant().plus(grace);
    LifecycleHandler hook =
        c == null || c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
    if (pod != null && c != null) {
      events.normal(pod, "Killing", why);
    }
    if (hook != null && !grace.isZero() && pod != null && running(id)) {
      Optional<String> failure = hooks.run(hook, c, id, podIp, grace);
      if (failure.isPresent()) {
        LOG.info(
            "pod {}: preStop hook of {} failed: {}",
            pod.getMetadata().getName(),
            c.getName(),
            failure.get());
        events.warning(pod, "FailedPreStopHook", "PreStopHook failed");
      }
    }
    Duration left = Duration.between(clock.instant(), deadline);
    if (!grace.isZero() && left.compareTo(MIN_GRACE) < 0) {
      left = MIN_GRACE;
    }
    try {
      cri.stopContainer(id, roundUp(left));
    } catch (CriException e) {
      LOG.debug("container {} not stopped: {}", id, e.getMessage());
    }
  }

  /**
   * Stops a pod's containers ({@code ids} by container name) within {@code grace}: regular
   * containers (and any unknown to the spec) in parallel, then sidecars one at a time, last first,
   * each with what is left of the grace period. {@code pod} null: no hooks, no grace.
   */
  void terminate(Pod pod, Map<String, String> ids, String podIp, Duration grace) {
    Instant deadline = clock.instant().plus(grace);
    List<Container> sidecars =
        pod == null
            ? List.of()
            : pod.getSpec().getInitContainers().stream().filter(InitOrder::isSidecar).toList();
    List<Thread> first = new ArrayList<>();
    ids.forEach(
        (name, id) -> {
          if (sidecars.stream().noneMatch(s -> s.getName().equals(name))) {
            Container c = pod == null ? null : spec(pod, name);
            first.add(
                Thread.ofVirtual()
                    .start(() -> stop(pod, c, id, podIp, grace, "Stopping container " + name)));
          }
        });
    for (Thread t : first) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    for (Container c : sidecars.reversed()) {
      String id = ids.get(c.getName());
      if (id != null) {
        Duration left = Duration.between(clock.instant(), deadline);
        stop(pod, c, id, podIp, max(left, MIN_GRACE), "Stopping container " + c.getName());
      }
    }
  }

  private boolean running(String id) {
    try {
      return cri.containerStatus(id).getState() == ContainerState.CONTAINER_RUNNING;
    } catch (CriException e) {
      return false;
    }
  }

  private static Container spec(Pod pod, String name) {
    for (Container c : pod.getSpec().getContainers()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    for (Container c : pod.getSpec().getInitContainers()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Whole seconds, rounded up (the runtime's stop timeout has seconds). */
  static Duration roundUp(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return Duration.ZERO;
    }
    long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return Duration.ofSeconds(s);
  }
}
