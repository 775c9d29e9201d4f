package io.nauta.controllers.statefulset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a StatefulSet sync does with its pods, Kubernetes' order. Ordinals {@code start ..
 * start+replicas-1} are wanted; from the lowest, a missing pod is created (from the current
 * revision below the partition, the update revision otherwise), a failed one deleted to be
 * recreated. Pods beyond the range are condemned and deleted from the highest. Then RollingUpdate
 * deletes old-revision pods from the highest ordinal down to the partition, while fewer than
 * maxUnavailable pods are unhealthy (the next sync recreates them at the update revision).
 * OrderedReady acts on one pod at a time and goes no further while a pod is missing, terminating or
 * not Running and Ready; Parallel creates and deletes without waiting. Pure.
 */
final class OrdinalPlan {
  /**
   * A pod of the set as the plan sees it: ready means Running and Ready, healthy also available
   * (ready for minReadySeconds).
   */
  record PodState(
      int ordinal,
      String name,
      String revision,
      boolean terminating,
      boolean failed,
      boolean ready,
      boolean healthy) {}

  /**
   * The set's spec as the plan needs it.
   *
   * @param monotonic OrderedReady (true) or Parallel
   * @param rolling RollingUpdate (true) or OnDelete
   */
  record Spec(
      int replicas,
      int start,
      boolean monotonic,
      boolean rolling,
      int partition,
      int maxUnavailable,
      String currentRevision,
      String updateRevision) {}

  /** A step of the plan. */
  sealed interface Action permits Create, Delete {}

  /** Create the pod of {@code ordinal} from {@code revision}. */
  record Create(int ordinal, String revision) implements Action {}

  /** Delete {@code pod}. */
  record Delete(String pod) implements Action {}

  private OrdinalPlan() {}

  static List<Action> plan(Spec spec, List<PodState> pods) {
    List<Action> out = new ArrayList<>();
    Map<Integer, PodState> wanted = new TreeMap<>();
    List<PodState> condemned = new ArrayList<>();
    int end = spec.start() + spec.replicas();
    for (PodState p : pods) {
      if (p.ordinal() >= spec.start() && p.ordinal() < end) {
        wanted.put(p.ordinal(), p);
      } else {
        condemned.add(p);
      }
    }
    condemned.sort(Comparator.comparingInt(PodState::ordinal).reversed());
    boolean monotonic = spec.monotonic();
    for (int i = spec.start(); i < end; i++) {
      PodState p = wanted.get(i);
      if (p == null) {
        out.add(new Create(i, revisionFor(spec, i)));
      } else if (p.failed() && !p.terminating()) {
        out.add(new Delete(p.name()));
      } else if (p.healthy() && !p.terminating()) {
        continue;
      }
      if (monotonic) {
        return out; // a pod is being made, replaced or waited for: nothing past it yet
      }
    }
    PodState firstUnhealthy =
        condemned.stream().filter(p -> !p.healthy() || p.terminating()).findFirst().orElse(null);
    for (PodState p : condemned) {
      if (p.terminating()) {
        if (monotonic) {
          return out;
        }
        continue;
      }
      if (monotonic && firstUnhealthy != null && firstUnhealthy != p) {
        return out; // the unhealthy pod goes first
      }
      out.add(new Delete(p.name()));
      if (monotonic) {
        return out;
      }
    }
    if (!spec.rolling()) {
      return out; // OnDelete: pods are replaced when someone deletes them
    }
    int unavailable = 0;
    for (int i = spec.start(); i < end; i++) {
      PodState p = wanted.get(i);
      unavailable += p == null || p.terminating() || !p.healthy() ? 1 : 0;
    }
    int budget = Math.max(1, spec.maxUnavailable()) - unavailable;
    for (int i = end - 1; i >= Math.max(spec.start(), spec.partition()) && budget > 0; i--) {
      PodState p = wanted.get(i);
      if (p != null && !p.terminating() && !spec.updateRevision().equals(p.revision())) {
        out.add(new Delete(p.name()));
        budget -= p.healthy() ? 1 : 0;
      }
    }
    return out;
  }

  /** Below the partition pods stay at the current revision; the rest get the update revision. */
  static String revisionFor(Spec spec, int ordinal) {
    return spec.rolling() && ordinal < spec.partition()
        ? spec.currentRevision()
        : spec.updateRevision();
  }
}
