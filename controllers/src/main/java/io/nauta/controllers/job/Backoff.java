package io.nauta.controllers.job;

import java.time.Duration;

/**
 * How long a Job waits before replacing a failed pod: {@code base} after the first failure since
 * the last success, doubling with each further one, capped at {@code max} (Kubernetes: 10 s to 6
 * min).
 */
public record Backoff(Duration base, Duration max) {
  /** Kubernetes' pod failure backoff. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(6));

  /** The delay after {@code failures} consecutive failures; zero when there were none. */
  public Duration delay(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    if (failures > 30) {
      return max;
    }
    long nanos = base.toNanos() << (failures - 1);
    return nanos <= 0 || nanos > max.toNanos() ? max : Duration.ofNanos(nanos);
  }
}
