package io.nauta.apiserver.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.allocation.StoreAllocator;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.resources.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node port assignment for one Service write. Like Kubernetes, service ports with the same port
 * number (53/UDP and 53/TCP) share one node port; a node port requested for two different port
 * numbers is refused as already allocated.
 */
final class NodePorts {
  private NodePorts() {}

  /**
   * Fills in and reserves {@code svc}'s node ports and health check node port; values {@code old}
   * held are kept without being reserved again.
   */
  static void assign(
      ServiceAllocations.Transaction txn, StoreAllocator ports, ObjectNode svc, ObjectNode old) {
    ObjectNode spec = Json.object(svc, "spec");
    String type = Json.text(spec, "type");
    boolean lb = type.equals("LoadBalancer");
    boolean any = type.equals("NodePort") || lb;
    boolean all =
        type.equals("NodePort")
            || (lb && !Json.at(spec, "allocateLoadBalancerNodePorts").asText().equals("false"));
    Set<String> held = old == null ? Set.of() : ServiceAllocations.heldPorts(old);
    // node port -> the service port number it serves
    Map<Long, Long> used = new HashMap<>();
    // service port number -> its node port
    Map<Long, Long> byPort = new HashMap<>();
    List<ObjectNode> list = Json.objects(spec, "ports");
    for (int i = 0; i < list.size() && any; i++) {
      ObjectNode p = list.get(i);
      long np = Json.integer(p, 0, "nodePort");
      long port = p.path("port").asLong();
      if (np == 0) {
        continue;
      }
      Long owner = used.get(np);
      if (owner != null && owner == port) {
        continue;
      }
      String field = "spec.ports[" + i + "].nodePort";
      if (owner != null) {
        throw AllocationErrors.port(
            Meta.name(svc), field, np, StoreAllocator.Outcome.ALREADY_ALLOCATED, ports.range());
      }
      take(txn, ports, svc, held, field, np);
      used.put(np, port);
      byPort.putIfAbsent(port, np);
    }
    for (int i = 0; i < list.size() && all; i++) {
      ObjectNode p = list.get(i);
      if (Json.integer(p, 0, "nodePort") != 0) {
        continue;
      }
      long port = p.path("port").asLong();
      Long np = byPort.get(port);
      if (np == null) {
        np = Long.parseLong(txn.next(ports).orElseThrow(() -> AllocationErrors.full("nodePort")));
        byPort.put(port, np);
        used.put(np, port);
      }
      p.put("nodePort", np.intValue());
    }
    healthCheck(txn, ports, svc, old, held, used);
  }

  /** LoadBalancer with externalTrafficPolicy Local: a node port for node health checks. */
  private static void healthCheck(
      ServiceAllocations.Transaction txn,
      StoreAllocator ports,
      ObjectNode svc,
      ObjectNode old,
      Set<String> held,
      Map<Long, Long> used) {
    ObjectNode spec = Json.object(svc, "spec");
    long hc = Json.integer(spec, 0, "healthCheckNodePort");
    long oldHc = old == null ? 0 : Json.integer(old, 0, "spec", "healthCheckNodePort");
    if (!needsHealthCheck(svc)) {
      if (hc != 0 && hc == oldHc) {
        spec.remove("healthCheckNodePort");
      }
      return;
    }
    if (hc == 0 && oldHc != 0 && needsHealthCheck(old)) {
      spec.put("healthCheckNodePort", (int) oldHc);
      return;
    }
    if (hc == 0) {
      long np =
          Long.parseLong(txn.next(ports).orElseThrow(() -> AllocationErrors.full("nodePort")));
      spec.put("healthCheckNodePort", (int) np);
      return;
    }
    if (used.containsKey(hc)) {
      throw AllocationErrors.invalid(
          Meta.name(svc),
          "spec.healthCheckNodePort",
          hc
              + ": failed to allocate requested HealthCheck NodePort "
              + hc
              + ": "
              + AllocationErrors.portReason(
                  StoreAllocator.Outcome.ALREADY_ALLOCATED, ports.range()));
    }
    if (!held.contains(Long.toString(hc))) {
      StoreAllocator.Outcome o = txn.take(ports, Long.toString(hc));
      if (o != StoreAllocator.Outcome.ALLOCATED) {
        throw AllocationErrors.invalid(
            Meta.name(svc),
            "spec.healthCheckNodePort",
            hc
                + ": failed to allocate requested HealthCheck NodePort "
                + hc
                + ": "
                + AllocationErrors.portReason(o, ports.range()));
      }
    }
  }

  private static boolean needsHealthCheck(JsonNode svc) {
    return Json.text(svc, "spec", "type").equals("LoadBalancer")
        && Json.text(svc, "spec", "externalTrafficPolicy").equals("Local");
  }

  private static void take(
      ServiceAllocations.Transaction txn,
      StoreAllocator ports,
      ObjectNode svc,
      Set<String> held,
      String field,
      long np) {
    if (held.contains(Long.toString(np))) {
      return;
    }
    StoreAllocator.Outcome o = txn.take(ports, Long.toString(np));
    if (o != StoreAllocator.Outcome.ALLOCATED) {
      throw AllocationErrors.port(Meta.name(svc), field, np, o, ports.range());
    }
  }
}
