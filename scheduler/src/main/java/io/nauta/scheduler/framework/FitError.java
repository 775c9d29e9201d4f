package io.nauta.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a pod fits on no node: each node's failing status. Its message is the one Kubernetes puts in
 * FailedScheduling events, reasons counted over nodes and sorted, e.g. {@code 0/5 nodes are
 * available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu.}
 *
 * @param nodeCount how many nodes were considered
 * @param failures node name to the status that rejected it (or the cycle's PreFilter status under
 *     the key "")
 */
public record FitError(int nodeCount, Map<String, Status> failures) {
  public FitError {
    failures = Collections.unmodifiableMap(new TreeMap<>(failures));
  }

  public String message() {
    if (nodeCount == 0) {
      return "no nodes available to schedule pods";
    }
    Map<String, Integer> histogram = new TreeMap<>();
    for (Status s : failures.values()) {
      for (String reason : s.reasons()) {
        histogram.merge(reason, 1, Integer::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    histogram.forEach((reason, count) -> parts.add(count + " " + reason));
    Collections.sort(parts);
    String head = "0/" + nodeCount + " nodes are available";
    return parts.isEmpty() ? head + "." : head + ": " + String.join(", ", parts) + ".";
  }

  /** True when preemption could help: some node failed for a reason preemption can change. */
  public boolean resolvable() {
    return failures.values().stream().anyMatch(s -> s.code() == Status.Code.UNSCHEDULABLE);
  }
}
