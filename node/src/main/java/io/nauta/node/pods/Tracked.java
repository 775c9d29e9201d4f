package io.nauta.node.pods;

import io.nauta.cri.v1.ContainerStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link PodWorker} knows of one container of its pod: the runtime id of its current run,
 * attempts and restarts, restart backoff, probe state and results, why it waits, how its previous
 * run ended, and whether it was stopped for good. Mutable; owned by one worker.
 */
final class Tracked {
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
  ContainerStatus lastTerminated;
  boolean stopped;

  /** Sets why the container waits (null: it does not); true if that changed. */
  boolean waiting(String reason, String message) {
    boolean changed = !java.util.Objects.equals(reason, waitingReason);
    waitingReason = reason;
    waitingMessage = message;
    return changed;
  }
}
