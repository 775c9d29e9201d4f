package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Probe;
import java.time.Instant;

/**
 * The state of one probe of one container: when it runs next ({@code initialDelaySeconds}, then
 * every {@code periodSeconds}, default 10), and its result after {@code successThreshold} (default
 * 1) successes or {@code failureThreshold} (default 3) failures in a row.
 */
final class ProbeState {
  private final Probe probe;
  private Instant next;
  private int successes;
  private int failures;
  private Boolean result;

  /** {@code initial} is the result before the probe decided (readiness: false). */
  ProbeState(Probe probe, Instant started, Boolean initial) {
    this.probe = probe;
    this.next =
        started.plusSeconds(
            probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds());
    this.result = initial;
  }

  Probe probe() {
    return probe;
  }

  boolean due(Instant now) {
    return !now.isBefore(next);
  }

  /** Records one run ({@code failure} null on success); returns the result now. */
  Boolean record(String failure, Instant now) {
    next = now.plusSeconds(probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds());
    if (failure == null) {
      failures = 0;
      successes++;
      if (successes >= (probe.getSuccessThreshold() == null ? 1 : probe.getSuccessThreshold())) {
        result = true;
      }
    } else {
      successes = 0;
      failures++;
      if (failures >= (probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold())) {
        result = false;
      }
    }
    return result;
  }

  Boolean result() {
    return result;
  }
}
