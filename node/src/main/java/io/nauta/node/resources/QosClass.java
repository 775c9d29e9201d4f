package io.nauta.node.resources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod's quality of service class, from the CPU and memory requests and limits of all its
 * containers (init containers included), by Kubernetes' rules: no request or limit anywhere is
 * {@link #BestEffort}; every container with CPU and memory limits equal to its requests is {@link
 * #Guaranteed}; anything else is {@link #Burstable}.
 */
public enum QosClass {
  Guaranteed,
  Burstable,
  BestEffort;

  private static final Set<String> COMPUTE = Set.of("cpu", "memory");

  /** The class the API server recorded in {@code status.qosClass}, else computed from the spec. */
  public static QosClass of(Pod pod) {
    if (pod.getStatus() != null && pod.getStatus().getQosClass() != null) {
      try {
        return valueOf(pod.getStatus().getQosClass());
      } catch (IllegalArgumentException e) {
        // not one of ours: compute it
      }
    }
    return compute(pod);
  }

  /** The class computed from the containers' resources alone. */
  public static QosClass compute(Pod pod) {
    List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
    all.addAll(pod.getSpec().getInitContainers());
    Map<String, BigDecimal> requests = new HashMap<>();
    Map<String, BigDecimal> limits = new HashMap<>();
    boolean guaranteed = true;
    for (Container c : all) {
      var resources = c.getResources();
      sum(requests, resources == null ? null : resources.getRequests(), new HashSet<>());
      Set<String> limited = new HashSet<>();
      sum(limits, resources == null ? null : resources.getLimits(), limited);
      if (!limited.containsAll(COMPUTE)) {
        guaranteed = false;
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return BestEffort;
    }
    if (guaranteed) {
      for (var e : requests.entrySet()) {
        BigDecimal limit = limits.get(e.getKey());
        if (limit == null || limit.compareTo(e.getValue()) != 0) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? Guaranteed : Burstable;
  }

  /** Adds the positive CPU and memory amounts of {@code list} to {@code sum}. */
  private static void sum(
      Map<String, BigDecimal> sum, Map<String, Quantity> list, Set<String> seen) {
    if (list == null) {
      return;
    }
    list.forEach(
        (name, q) -> {
          if (!COMPUTE.contains(name) || q == null) {
            return;
          }
          BigDecimal amount = Quantities.amount(q);
          if (amount.signum() > 0) {
            seen.add(name);
            sum.merge(name, amount, BigDecimal::add);
          }
        });
  }
}
