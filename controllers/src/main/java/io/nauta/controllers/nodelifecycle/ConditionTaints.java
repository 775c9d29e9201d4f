package io.nauta.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The taints a node's conditions and cordon call for, as Kubernetes' node lifecycle controller sets
 * them: NoExecute {@code not-ready}/{@code unreachable} for Ready False/Unknown (evicting pods),
 * and NoSchedule ones for the same plus cordon and resource pressure (keeping new pods away).
 * Taints with other keys are the user's and kept as they are.
 */
final class ConditionTaints {
  static final String PREFIX = "node.kubernetes.io/";
  static final String NOT_READY = PREFIX + "not-ready";
  static final String UNREACHABLE = PREFIX + "unreachable";
  static final String UNSCHEDULABLE = PREFIX + "unschedulable";

  /** Condition type (True means trouble) → the NoSchedule taint key it calls for. */
  private static final Map<String, String> PRESSURE =
      Map.of(
          "MemoryPressure", PREFIX + "memory-pressure",
          "DiskPressure", PREFIX + "disk-pressure",
          "PIDPressure", PREFIX + "pid-pressure",
          "NetworkUnavailable", PREFIX + "network-unavailable");

  private ConditionTaints() {}

  /** The node's taints as they should be; equal to the current list when nothing changes. */
  static List<Taint> desired(Node node, Instant now) {
    List<Taint> current = node.getSpec() == null ? List.of() : node.getSpec().getTaints();
    Map<String, Taint> managed = new LinkedHashMap<>();
    String ready = status(node, "Ready");
    if ("False".equals(ready)) {
      managed.put(NOT_READY + ":NoExecute", taint(NOT_READY, "NoExecute", now));
      managed.put(NOT_READY + ":NoSchedule", taint(NOT_READY, "NoSchedule", null));
    } else if ("Unknown".equals(ready)) {
      managed.put(UNREACHABLE + ":NoExecute", taint(UNREACHABLE, "NoExecute", now));
      managed.put(UNREACHABLE + ":NoSchedule", taint(UNREACHABLE, "NoSchedule", null));
    }
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      managed.put(UNSCHEDULABLE + ":NoSchedule", taint(UNSCHEDULABLE, "NoSchedule", null));
    }
    PRESSURE.forEach(
        (type, key) -> {
          if ("True".equals(status(node, type))) {
            managed.put(key + ":NoSchedule", taint(key, "NoSchedule", null));
          }
        });
    List<Taint> out = new ArrayList<>();
    for (Taint t : current) {
      String id = t.getKey() + ":" + t.getEffect();
      if (!isManaged(t.getKey())) {
        out.add(t);
      } else if (managed.containsKey(id)) {
        out.add(t); // already there: keep its timeAdded, which eviction times count from
        managed.remove(id);
      }
    }
    out.addAll(managed.values());
    return out;
  }

  private static boolean isManaged(String key) {
    return NOT_READY.equals(key)
        || UNREACHABLE.equals(key)
        || UNSCHEDULABLE.equals(key)
        || PRESSURE.containsValue(key);
  }

  private static Taint taint(String key, String effect, Instant added) {
    return new TaintBuilder()
        .withKey(key)
        .withEffect(effect)
        .withTimeAdded(
            added == null
                ? null
                : added.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
        .build();
  }

  /** The status of the node's condition {@code type}, or null. */
  static String status(Node node, String type) {
    NodeCondition c = condition(node, type);
    return c == null ? null : c.getStatus();
  }

  static NodeCondition condition(Node node, String type) {
    if (node.getStatus() == null) {
      return null;
    }
    for (NodeCondition c : node.getStatus().getConditions()) {
      if (Objects.equals(type, c.getType())) {
        return c;
      }
    }
    return null;
  }
}
