package io.nauta.controllers.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Which pods the pod garbage collector removes, and why; pure decisions over cached state. */
final class PodGarbage {
  static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

  private PodGarbage() {}

  /** Why a pod goes. */
  enum Reason {
    /** Finished, and more finished pods than the threshold exist. */
    TERMINATED,
    /** Bound to a node that does not exist. */
    ORPHANED,
    /** Being deleted and never scheduled: no node agent will finish it. */
    UNSCHEDULED_TERMINATING,
    /** Being deleted on a not-ready node an administrator declared out of service. */
    OUT_OF_SERVICE
  }

  record Victim(Pod pod, Reason reason) {}

  /**
   * The pods to delete: finished pods beyond {@code threshold} (oldest first; threshold 0 or less
   * turns that off), pods on a node absent from {@code nodes} for which {@code goneForSure} holds,
   * terminating unscheduled pods, and terminating pods on out-of-service not-ready nodes.
   */
  static List<Victim> select(
      List<Pod> pods, Map<String, Node> nodes, int threshold, Predicate<String> goneForSure) {
    List<Victim> out = new ArrayList<>();
    List<Pod> finished = new ArrayList<>();
    for (Pod p : pods) {
      String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
      boolean terminating = p.getMetadata().getDeletionTimestamp() != null;
      if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
        finished.add(p);
      }
      if (node == null || node.isEmpty()) {
        if (terminating) {
          out.add(new Victim(p, Reason.UNSCHEDULED_TERMINATING));
        }
      } else if (!nodes.containsKey(node)) {
        if (goneForSure.test(node)) {
          out.add(new Victim(p, Reason.ORPHANED));
        }
      } else if (terminating && outOfService(nodes.get(node))) {
        out.add(new Victim(p, Reason.OUT_OF_SERVICE));
      }
    }
    if (threshold > 0 && finished.size() > threshold) {
      finished.sort(
          Comparator.comparing((Pod p) -> Instant.parse(p.getMetadata().getCreationTimestamp()))
              .thenComparing(p -> p.getMetadata().getName()));
      List<Pod> chosen = out.stream().map(Victim::pod).toList();
      for (Pod p : finished.subList(0, finished.size() - threshold)) {
        if (!chosen.contains(p)) {
          out.add(new Victim(p, Reason.TERMINATED));
        }
      }
    }
    return out;
  }

  private static boolean outOfService(Node n) {
    boolean tainted =
        n.getSpec() != null
            && n.getSpec().getTaints().stream().anyMatch(t -> OUT_OF_SERVICE.equals(t.getKey()));
    boolean ready =
        n.getStatus() != null
            && n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    return tainted && !ready;
  }
}
