package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.Lookup;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.status.ApiException;
import java.util.Optional;

/**
 * Kubernetes' Priority admission: a pod's {@code spec.priority} and {@code preemptionPolicy} come
 * from the PriorityClass it names, or from the class marked {@code globalDefault} when it names
 * none (else priority 0). A pod may not set a priority of its own that differs from its class's.
 */
final class PodPriority {
  private PodPriority() {}

  static void admit(ObjectNode pod, Lookup lookup) {
    ObjectNode spec = Json.object(pod, "spec");
    String className = Json.text(spec, "priorityClassName");
    Optional<ObjectNode> pc;
    if (className.isEmpty()) {
      pc =
          lookup.list("scheduling.k8s.io", "v1", "priorityclasses").stream()
              .filter(c -> c.path("globalDefault").asBoolean(false))
              .findFirst();
      if (pc.isEmpty()) {
        return; // priority 0, as prepareForCreate set it
      }
      spec.put("priorityClassName", Meta.name(pc.get()));
      spec.remove("priority"); // the default 0 gives way to the global default's value
    } else {
      pc = lookup.get("scheduling.k8s.io", "v1", "priorityclasses", null, className);
      if (pc.isEmpty()) {
        throw ApiException.forbidden(
            "", "pods", Meta.name(pod), "no PriorityClass with name " + className + " was found");
      }
    }
    long value = pc.get().path("value").asLong();
    JsonNode given = spec.get("priority");
    if (given != null && !given.isNull() && given.asLong() != value) {
      throw ApiException.forbidden(
          "",
          "pods",
          Meta.name(pod),
          "the integer value of priority ("
              + given.asLong()
              + ") must not be provided in pod spec; priority admission controller computed "
              + value
              + " from the given PriorityClass name");
    }
    spec.put("priority", value);
    String policy = pc.get().path("preemptionPolicy").asText("PreemptLowerPriority");
    spec.put("preemptionPolicy", policy);
  }
}
