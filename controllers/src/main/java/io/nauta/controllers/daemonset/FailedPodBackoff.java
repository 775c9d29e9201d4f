package io.nauta.controllers.daemonset;

import io.nauta.client.backoff.Backoff;
import java.time.Clock;
import java.time.Duration;

/**
 * How long a DaemonSet waits before replacing a failed pod on the same node again: 1 s after the
 * first failure, doubling with each one up to 15 minutes, forgotten after twice the longest delay
 * without failures (Kubernetes' failedPodsBackoff). Thread-safe.
 */
final class FailedPodBackoff {
  static final Duration INITIAL = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofMinutes(15);

  private final Backoff backoff;

  FailedPodBackoff(Clock clock) {
    this.backoff = new Backoff(INITIAL, MAX, clock);
  }

  /**
   * How long to wait before acting on a failed pod for {@code key} ({@code dsUid/node}); zero when
   * it may be replaced now.
   */
  Duration remaining(String key) {
    return backoff.remaining(key);
  }

  /** A failed pod for {@code key} is being replaced now: the next one waits longer. */
  void failed(String key) {
    backoff.failed(key);
  }
}
