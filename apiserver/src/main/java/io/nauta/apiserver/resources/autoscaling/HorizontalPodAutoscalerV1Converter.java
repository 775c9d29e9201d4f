package io.nauta.apiserver.resources.autoscaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.VersionConverter;
import io.nauta.apiserver.resources.json.Json;
import java.util.List;

/**
 * autoscaling/v1 ⇄ autoscaling/v2 HorizontalPodAutoscalers. v1 has only {@code
 * targetCPUUtilizationPercentage} and {@code currentCPUUtilizationPercentage}; like Kubernetes, the
 * v1 form carries the other metrics, all current metrics, the conditions and the behavior in the
 * {@code autoscaling.alpha.kubernetes.io/*} annotations so that a v1 round trip loses nothing.
 * Unlike Kubernetes (which writes the v2beta1 shape there), the annotations hold v2-shaped JSON.
 */
public final class HorizontalPodAutoscalerV1Converter implements VersionConverter {
  static final String METRICS = "autoscaling.alpha.kubernetes.io/metrics";
  static final String CURRENT_METRICS = "autoscaling.alpha.kubernetes.io/current-metrics";
  static final String CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
  static final String BEHAVIOR = "autoscaling.alpha.kubernetes.io/behavior";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public ObjectNode toStorage(ObjectNode served) {
    ObjectNode out = served.deepCopy();
    out.put("apiVersion", "autoscaling/v2");
    out.put("kind", "HorizontalPodAutoscaler");
    ObjectNode spec = Json.object(out, "spec");
    ObjectNode annotations = Json.objectOrNull(out, "metadata", "annotations");
    ArrayNode metrics = MAPPER.createArrayNode();
    JsonNode other = annotation(annotations, METRICS);
    if (other != null && other.isArray()) {
      metrics.addAll((ArrayNode) other);
    }
    JsonNode cpu = spec.remove("targetCPUUtilizationPercentage");
    if (cpu != null && !cpu.isNull()) {
      metrics.add(cpuMetric("target", "Utilization", cpu.asLong()));
    }
    if (!metrics.isEmpty()) {
      spec.set("metrics", metrics);
    }
    JsonNode behavior = annotation(annotations, BEHAVIOR);
    if (behavior != null && behavior.isObject()) {
      spec.set("behavior", behavior);
    }
    ObjectNode status = Json.objectOrNull(out, "status");
    if (status != null) {
      JsonNode currentCpu = status.remove("currentCPUUtilizationPercentage");
      JsonNode current = annotation(annotations, CURRENT_METRICS);
      if (current != null && current.isArray()) {
        status.set("currentMetrics", current);
      } else if (currentCpu != null && !currentCpu.isNull()) {
        ObjectNode m = cpuMetric("current", null, currentCpu.asLong());
        status.putArray("currentMetrics").add(m);
      }
      JsonNode conditions = annotation(annotations, CONDITIONS);
      if (conditions != null && conditions.isArray()) {
        status.set("conditions", conditions);
      }
    }
    if (annotations != null) {
      annotations.remove(List.of(METRICS, CURRENT_METRICS, CONDITIONS, BEHAVIOR));
      if (annotations.isEmpty()) {
        Json.object(out, "metadata").remove("annotations");
      }
    }
    return out;
  }

  @Override
  public ObjectNode fromStorage(ObjectNode stored) {
    ObjectNode out = stored.deepCopy();
    out.put("apiVersion", "autoscaling/v1");
    out.put("kind", "HorizontalPodAutoscaler");
    ObjectNode spec = Json.object(out, "spec");
    ArrayNode others = MAPPER.createArrayNode();
    JsonNode metrics = spec.remove("metrics");
    Long target = null;
    if (metrics != null && metrics.isArray()) {
      for (JsonNode m : metrics) {
        if (target == null && isCpuUtilization(m, "target")) {
          target = Json.integer(m, 0, "resource", "target", "averageUtilization");
        } else {
          others.add(m);
        }
      }
    }
    if (target != null) {
      Json.putInt(spec, "targetCPUUtilizationPercentage", target);
    }
    JsonNode behavior = spec.remove("behavior");
    ObjectNode status = Json.object(out, "status");
    JsonNode current = status.remove("currentMetrics");
    JsonNode conditions = status.remove("conditions");
    if (current != null && current.isArray()) {
      for (JsonNode m : current) {
        if (Json.text(m, "type").equals("Resource")
            && Json.text(m, "resource", "name").equals("cpu")
            && Json.has(m, "resource", "current", "averageUtilization")) {
          Json.putInt(
              status,
              "currentCPUUtilizationPercentage",
              Json.integer(m, 0, "resource", "current", "averageUtilization"));
          break;
        }
      }
    }
    Json.defaultInt(status, "currentReplicas", 0);
    Json.defaultInt(status, "desiredReplicas", 0);
    if (!others.isEmpty()) {
      annotate(out, METRICS, others);
    }
    if (current != null && current.isArray() && !current.isEmpty()) {
      annotate(out, CURRENT_METRICS, current);
    }
    if (behavior != null && behavior.isObject()) {
      annotate(out, BEHAVIOR, behavior);
    }
    if (conditions != null && conditions.isArray() && !conditions.isEmpty()) {
      annotate(out, CONDITIONS, conditions);
    }
    return out;
  }

  private static boolean isCpuUtilization(JsonNode m, String which) {
    return Json.text(m, "type").equals("Resource")
        && Json.text(m, "resource", "name").equals("cpu")
        && Json.has(m, "resource", which, "averageUtilization");
  }

  private static ObjectNode cpuMetric(String which, String targetType, long utilization) {
    ObjectNode m = MAPPER.createObjectNode();
    m.put("type", "Resource");
    ObjectNode resource = m.putObject("resource");
    resource.put("name", "cpu");
    ObjectNode value = resource.putObject(which);
    if (targetType != null) {
      value.put("type", targetType);
    }
    Json.putInt(value, "averageUtilization", utilization);
    return m;
  }

  private static JsonNode annotation(ObjectNode annotations, String key) {
    if (annotations == null || !annotations.path(key).isTextual()) {
      return null;
    }
    try {
      return MAPPER.readTree(annotations.get(key).asText());
    } catch (JsonProcessingException e) {
      // Kubernetes ignores annotations it cannot decode
      return null;
    }
  }

  private static void annotate(ObjectNode obj, String key, JsonNode value) {
    try {
      Json.objectAt(obj, "metadata", "annotations").put(key, MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
