package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.client.events.EventRecorder;
import io.nauta.cri.CriClient;
import io.nauta.cri.v1.ContainerState;
import io.nauta.cri.v1.ContainerStatus;
import java.time.Clock;
import java.time.Instant;

/**
 * A container's startup, liveness and readiness probes as a kubelet runs them: each when due, with
 * its thresholds; until the startup probe passes nothing else runs; a failed startup or liveness
 * probe stops the container gracefully (its preStop hook runs; its restart policy then applies) and
 * records Unhealthy and Killing events; the readiness probe decides whether it is ready. Results
 * are kept in the container's {@link Tracked}.
 */
final class ContainerProbes {
  private final CriClient cri;
  private final EventRecorder events;
  private final Clock clock;
  private final ContainerLifecycle lifecycle;

  ContainerProbes(CriClient cri, EventRecorder events, Clock clock, ContainerLifecycle lifecycle) {
    this.cri = cri;
    this.events = events;
    this.clock = clock;
    this.lifecycle = lifecycle;
  }

  /**
   * Runs the container's probes that are due: until the startup probe succeeds nothing else runs; a
   * failed startup or liveness probe kills the container (its restart policy then applies); the
   * readiness probe decides whether the container is ready.
   */
  void probe(Pod pod, Container c, Tracked t, ContainerStatus s, String podIp) {
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
      if (t.startup.due(now) && failed(pod, c, t, t.startup, "Startup", now, podIp)) {
        kill(pod, c, t, "startup", podIp);
      }
      return;
    }
    t.started = true;
    if (t.liveness != null
        && t.liveness.due(now)
        && failed(pod, c, t, t.liveness, "Liveness", now, podIp)) {
      kill(pod, c, t, "liveness", podIp);
      return;
    }
    if (t.readiness != null && t.readiness.due(now)) {
      failed(pod, c, t, t.readiness, "Readiness", now, podIp);
    }
    t.ready = t.readiness == null || Boolean.TRUE.equals(t.readiness.result());
  }

  /** Runs a due probe; true when it has now failed {@code failureThreshold} times in a row. */
  private boolean failed(
      Pod pod, Container c, Tracked t, ProbeState probe, String kind, Instant now, String podIp) {
    String failure = Prober.run(probe.probe(), c, cri, t.id, podIp);
    Boolean result = probe.record(failure, now);
    if (failure != null) {
      events.warning(pod, "Unhealthy", kind + " probe failed: " + failure);
    }
    return failure != null && Boolean.FALSE.equals(result);
  }

  private void kill(Pod pod, Container c, Tracked t, String probe, String podIp) {
    lifecycle.stop(
        pod,
        c,
        t.id,
        podIp,
        ContainerLifecycle.grace(pod),
        "Container " + c.getName() + " failed " + probe + " probe, will be restarted");
    t.ready = false;
    t.started = false;
  }
}
