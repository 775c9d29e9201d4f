package io.nauta.node.images;

import io.nauta.client.backoff.Backoff;
import java.time.Clock;
import java.time.Duration;

/**
 * Backoff after failed image pulls, per key (pod and image), as a kubelet's: the first failure
 * waits {@link #INITIAL}, each further one twice as long up to {@link #MAX}; a key left alone for
 * twice the maximum starts over.
 */
public final class PullBackoff {
  public static final Duration INITIAL = Duration.ofSeconds(10);
  public static final Duration MAX = Duration.ofMinutes(5);

  private final Backoff backoff;

  public PullBackoff(Clock clock) {
    this.backoff = new Backoff(INITIAL, MAX, clock);
  }

  /** Records a failed pull of {@code key}; returns how long pulls of it are now held back. */
  public Duration failed(String key) {
    return backoff.failed(key);
  }

  /** Whether a pull of {@code key} is held back now. */
  public boolean inBackoff(String key) {
    return !backoff.remaining(key).isZero();
  }

  /** Forgets {@code key} after a successful pull. */
  public void succeeded(String key) {
    backoff.reset(key);
  }
}
