package io.nauta.controllers.podautoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one autoscaler remembers between syncs, as Kubernetes' controller does in memory: its recent
 * unstabilized recommendations (for the stabilization windows) and its recent scale-ups and
 * scale-downs (for the rate policies). Old entries are overwritten rather than kept. Not
 * thread-safe: the work queue hands a key to one worker at a time.
 */
final class ScalingHistory {
  record Recommendation(int replicas, Instant at) {}

  record ScaleEvent(int change, Instant at) {}

  final List<Recommendation> recommendations = new ArrayList<>();
  final List<ScaleEvent> scaleUps = new ArrayList<>();
  final List<ScaleEvent> scaleDowns = new ArrayList<>();

  /** Seeds the recommendations with the current replicas when there are none yet. */
  void recordInitial(int currentReplicas, Instant now) {
    if (recommendations.isEmpty()) {
      recommendations.add(new Recommendation(currentReplicas, now));
    }
  }

  /**
   * Remembers a rescale from {@code from} to {@code to}, overwriting an event older than {@code
   * longestPeriod} of the same direction if there is one.
   */
  void recordScale(int from, int to, Duration longestPeriod, Instant now) {
    List<ScaleEvent> events = to > from ? scaleUps : scaleDowns;
    ScaleEvent event = new ScaleEvent(Math.abs(to - from), now);
    Instant cutoff = now.minus(longestPeriod);
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).at().isBefore(cutoff)) {
        events.set(i, event);
        return;
      }
    }
    events.add(event);
  }

  /** The replicas added (or removed) by {@code events} in the last {@code period}. */
  static int changeInPeriod(List<ScaleEvent> events, Duration period, Instant now) {
    Instant cutoff = now.minus(period);
    int sum = 0;
    for (ScaleEvent e : events) {
      if (e.at().isAfter(cutoff)) {
        sum += e.change();
      }
    }
    return sum;
  }
}
