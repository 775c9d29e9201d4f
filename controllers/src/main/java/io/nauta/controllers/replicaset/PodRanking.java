package io.nauta.controllers.replicaset;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.controllers.runtime.Pods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which pods a ReplicaSet scaling down deletes first, the Kubernetes way: unscheduled before
 * scheduled, Pending before Unknown before Running, not ready before ready, ready for less time
 * before longer, more container restarts before fewer, newer before older.
 */
final class PodRanking {
  private PodRanking() {}

  static final Comparator<Pod> DELETE_FIRST =
      Comparator.comparingInt((Pod p) -> assigned(p) ? 1 : 0)
          .thenComparingInt(PodRanking::phaseRank)
          .thenComparingInt(p -> Pods.ready(p) ? 1 : 0)
          .thenComparing(PodRanking::readySince, Comparator.reverseOrder())
          .thenComparing(PodRanking::restarts, Comparator.reverseOrder())
          .thenComparing(PodRanking::created, Comparator.reverseOrder());

  /** The {@code n} pods to delete first. */
  static List<Pod> toDelete(List<Pod> pods, int n) {
    List<Pod> sorted = new ArrayList<>(pods);
    sorted.sort(DELETE_FIRST);
    return sorted.subList(0, Math.min(n, sorted.size()));
  }

  private static boolean assigned(Pod p) {
    return p.getSpec() != null
        && p.getSpec().getNodeName() != null
        && !p.getSpec().getNodeName().isEmpty();
  }

  private static int phaseRank(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    if (phase == null || "Pending".equals(phase)) {
      return 0;
    }
    return "Running".equals(phase) ? 2 : 1;
  }

  private static String readySince(Pod p) {
    var c = Pods.readyCondition(p);
    return c == null || !"True".equals(c.getStatus()) || c.getLastTransitionTime() == null
        ? ""
        : c.getLastTransitionTime();
  }

  private static int restarts(Pod p) {
    int max = 0;
    if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus s : p.getStatus().getContainerStatuses()) {
        max = Math.max(max, s.getRestartCount() == null ? 0 : s.getRestartCount());
      }
    }
    return max;
  }

  private static String created(Pod p) {
    String c = p.getMetadata().getCreationTimestamp();
    return c == null ? "" : c;
  }
}
