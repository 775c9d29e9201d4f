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
 * @param postFilterMessage why PostFilter (preemption) could not help either, or empty; appended as
 *     {@code preemption: ...}
 */
public record FitError(int nodeCount, Map<String, Status> failures, String postFilterMessage) {
  public FitError {
    failures = Collections.unmodifiableMap(new TreeMap<>(failures));
  }

  public FitError(int nodeCount, Map<String, Status> failures) {
    this(nodeCount, failures, "");
  }

  public FitError withPostFilterMessage(String message) {
    return new FitError(nodeCount, failures, message);
  }

  public String message() {
    String filters = filterMessage();
    return postFilterMessage.isEmpty() ? filters : filters + " preemption: " + postFilterMessage;
  }

  /**
   * Counts reasons over statuses the Kubernetes way: {@code 0/N nodes are available: 2 reason-a, 1
   * reason-b.}
   */
  public static String summarize(int nodeCount, Iterable<Status> statuses) {
    Map<String, Integer> histogram = new TreeMap<>();
    for (Status s : statuses) {
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

  private String filterMessage() {
    if (nodeCount == 0) {
      return "no nodes available to schedule pods";
    }
    Status preFilter = failures.get("");
    if (preFilter != null && failures.size() == 1) {
      // a PreFilter verdict holds for every node: Kubernetes states it once, without a count
      return "0/" + nodeCount + " nodes are available: " + preFilter.message() + ".";
    }
    return summarize(nodeCount, failures.values());
  }

  /** True when preemption could help: some node failed for a reason preemption can change. */
  public boolean resolvable() {
    return failures.values().stream().anyMatch(s -> s.code() == Status.Code.UNSCHEDULABLE);
  }
}
