package io.nauta.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a DaemonSet sync does, decided from one node at a time, Kubernetes' way. First the
 * management step: a pod where one should run and none does, surplus pods deleted (the oldest kept;
 * during a surge one old and one new), pods deleted from nodes they may no longer stay on. Only
 * when that has nothing to do, the rolling update: without surge, old pods are deleted (unavailable
 * ones at once, available ones while fewer than maxUnavailable nodes lack an available pod) and the
 * management step replaces them; with surge, a new pod is started beside an old one (at once if the
 * old one is unavailable, otherwise on at most maxSurge nodes at a time) and the old one deleted
 * once the new one is available. Pure.
 */
final class DaemonPlan {
  /**
   * A node, what may run there, and the daemon's pods on it that are neither failed nor being
   * deleted, oldest first.
   */
  record NodePods(String node, NodeEligibility.Decision decision, List<Pod> pods) {}

  /** How pods are replaced: {@code rolling} false is OnDelete. */
  record Strategy(boolean rolling, int maxUnavailable, int maxSurge) {}

  /** The nodes to start a pod on and the pods to delete. */
  record Actions(List<String> create, List<Pod> delete) {
    boolean none() {
      return create.isEmpty() && delete.isEmpty();
    }
  }

  static final Comparator<Pod> OLDEST_FIRST =
      Comparator.comparing(
              (Pod p) ->
                  p.getMetadata().getCreationTimestamp() == null
                      ? ""
                      : p.getMetadata().getCreationTimestamp())
          .thenComparing(p -> p.getMetadata().getName());

  private DaemonPlan() {}

  static Actions plan(
      List<NodePods> nodes, Strategy strategy, Predicate<Pod> updated, Predicate<Pod> available) {
    Actions manage = manage(nodes, strategy, updated, available);
    if (!manage.none() || !strategy.rolling()) {
      return manage;
    }
    return strategy.maxSurge() > 0
        ? surge(nodes, strategy.maxSurge(), updated, available)
        : replace(nodes, strategy.maxUnavailable(), updated, available);
  }

  private static Actions manage(
      List<NodePods> nodes, Strategy strategy, Predicate<Pod> updated, Predicate<Pod> available) {
    List<String> create = new ArrayList<>();
    List<Pod> delete = new ArrayList<>();
    for (NodePods n : nodes) {
      List<Pod> pods = new ArrayList<>(n.pods());
      pods.sort(OLDEST_FIRST);
      if (!n.decision().shouldContinueRunning()) {
        delete.addAll(pods);
      } else if (n.decision().shouldRun() && pods.isEmpty()) {
        create.add(n.node());
      } else if (strategy.rolling() && strategy.maxSurge() > 0) {
        Pod oldestNew = null;
        Pod oldestOld = null;
        for (Pod p : pods) {
          if (updated.test(p) && oldestNew == null) {
            oldestNew = p;
          } else if (!updated.test(p) && oldestOld == null) {
            oldestOld = p;
          } else {
            delete.add(p);
          }
        }
        if (oldestNew != null
            && oldestOld != null
            && (!available.test(oldestOld) || available.test(oldestNew))) {
          delete.add(oldestOld);
        }
      } else {
        delete.addAll(pods.subList(Math.min(1, pods.size()), pods.size()));
      }
    }
    return new Actions(create, delete);
  }

  /** Without surge: delete old pods within maxUnavailable; the next sync starts new ones. */
  private static Actions replace(
      List<NodePods> nodes, int maxUnavailable, Predicate<Pod> updated, Predicate<Pod> available) {
    int unavailable = 0;
    List<Pod> replaceNow = new ArrayList<>();
    List<Pod> candidates = new ArrayList<>();
    for (NodePods n : nodes) {
      if (n.pods().size() != 1) {
        unavailable += n.pods().isEmpty() ? 0 : 1;
        continue;
      }
      Pod p = n.pods().get(0);
      if (updated.test(p)) {
        unavailable += available.test(p) ? 0 : 1;
      } else if (!available.test(p)) {
        replaceNow.add(p);
      } else {
        candidates.add(p);
      }
    }
    int room = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
    List<Pod> delete = new ArrayList<>(replaceNow);
    delete.addAll(candidates.subList(0, room));
    return new Actions(List.of(), delete);
  }

  /** With surge: start new pods beside old ones within maxSurge. */
  private static Actions surge(
      List<NodePods> nodes, int maxSurge, Predicate<Pod> updated, Predicate<Pod> available) {
    int surging = 0;
    List<String> now = new ArrayList<>();
    List<String> candidates = new ArrayList<>();
    for (NodePods n : nodes) {
      if (!n.decision().shouldRun() || n.pods().isEmpty()) {
        continue;
      }
      boolean hasNew = n.pods().stream().anyMatch(updated);
      Pod old = n.pods().stream().filter(updated.negate()).findFirst().orElse(null);
      if (old == null) {
        continue;
      }
      if (hasNew) {
        surging++; // the management step deletes the old pod once the new one is available
      } else if (!available.test(old)) {
        now.add(n.node());
      } else {
        candidates.add(n.node());
      }
    }
    int room = Math.max(0, Math.min(maxSurge - surging, candidates.size()));
    List<String> create = new ArrayList<>(now);
    create.addAll(candidates.subList(0, room));
    return new Actions(create, List.of());
  }
}
