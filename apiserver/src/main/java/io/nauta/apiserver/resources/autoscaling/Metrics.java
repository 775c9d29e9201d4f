package io.nauta.apiserver.resources.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * autoscaling/v2 metric specs: validation of sources and targets, scaling rules, and the TARGETS
 * cell ({@code cpu: 50%/80%}, at most two metrics then "+ N more...").
 */
final class Metrics {
  private static final Map<String, String> SOURCE_FIELDS =
      Map.of(
          "Resource", "resource",
          "ContainerResource", "containerResource",
          "Pods", "pods",
          "Object", "object",
          "External", "external");
  private static final int SHOWN = 2;

  private Metrics() {}

  static void validate(ErrorList errs, FieldPath p, List<ObjectNode> metrics) {
    for (int i = 0; i < metrics.size(); i++) {
      ObjectNode m = metrics.get(i);
      FieldPath mp = p.index(i);
      String type = Json.text(m, "type");
      if (type.isEmpty()) {
        errs.required(mp.child("type"), "must specify a metric source type");
        continue;
      }
      String field = SOURCE_FIELDS.get(type);
      if (field == null) {
        errs.notSupported(
            mp.child("type"), type, "ContainerResource", "External", "Object", "Pods", "Resource");
        continue;
      }
      for (String other : SOURCE_FIELDS.values()) {
        if (!other.equals(field) && Json.has(m, other)) {
          errs.forbidden(mp.child(other), "must populate the given metric source only");
        }
      }
      JsonNode source = m.path(field);
      FieldPath sp = mp.child(field);
      if (!source.isObject()) {
        errs.required(sp, "must populate information for the given metric source");
        continue;
      }
      if ((type.equals("Resource") || type.equals("ContainerResource"))
          && Json.text(source, "name").isEmpty()) {
        errs.required(sp.child("name"), "must specify a resource name");
      }
      if (type.equals("ContainerResource") && Json.text(source, "container").isEmpty()) {
        errs.required(sp.child("container"), "must specify a container");
      }
      if (!type.equals("Resource")
          && !type.equals("ContainerResource")
          && Json.text(source, "metric", "name").isEmpty()) {
        errs.required(sp.child("metric").child("name"), "must specify a metric name");
      }
      target(errs, sp.child("target"), source.path("target"));
    }
  }

  private static void target(ErrorList errs, FieldPath p, JsonNode target) {
    String type = Json.text(target, "type");
    if (type.isEmpty()) {
      errs.required(p.child("type"), "must specify a metric target type");
      return;
    }
    errs.oneOf(p.child("type"), type, "AverageValue", "Utilization", "Value");
    JsonNode util = target.get("averageUtilization");
    if (util != null && util.isNumber() && util.asLong() < 1) {
      errs.invalid(p.child("averageUtilization"), util.asLong(), "must be greater than 0");
    }
    for (String q : List.of("value", "averageValue")) {
      if (Json.has(target, q)) {
        Quantities.value(target.get(q))
            .filter(v -> v.signum() > 0)
            .ifPresentOrElse(
                v -> {},
                () -> errs.invalid(p.child(q), target.get(q).asText(), "must be positive"));
      }
    }
    boolean set =
        switch (type) {
          case "Utilization" -> Json.has(target, "averageUtilization");
          case "Value" -> Json.has(target, "value");
          case "AverageValue" -> Json.has(target, "averageValue");
          default -> true;
        };
    if (!set) {
      errs.required(p, "must set either a target raw value or a target utilization");
    }
  }

  static void validateRules(ErrorList errs, FieldPath p, JsonNode rules) {
    JsonNode window = rules.get("stabilizationWindowSeconds");
    if (window != null && window.isNumber() && (window.asLong() < 0 || window.asLong() > 3600)) {
      errs.invalid(
          p.child("stabilizationWindowSeconds"),
          window.asLong(),
          "must be less than or equal to 3600");
    }
    String select = Json.text(rules, "selectPolicy");
    if (!select.isEmpty()) {
      errs.oneOf(p.child("selectPolicy"), select, "Disabled", "Max", "Min");
    }
    List<ObjectNode> policies = Json.objects(rules, "policies");
    for (int i = 0; i < policies.size(); i++) {
      ObjectNode pol = policies.get(i);
      FieldPath pp = p.child("policies").index(i);
      errs.oneOf(pp.child("type"), Json.text(pol, "type"), "Percent", "Pods");
      if (Json.integer(pol, 0, "value") <= 0) {
        errs.invalid(pp.child("value"), Json.integer(pol, 0, "value"), "must be greater than zero");
      }
      long period = Json.integer(pol, 0, "periodSeconds");
      if (period <= 0) {
        errs.invalid(pp.child("periodSeconds"), period, "must be greater than zero");
      } else if (period > 1800) {
        errs.invalid(pp.child("periodSeconds"), period, "must be less than or equal to 1800");
      }
    }
  }

  /** The TARGETS cell: each metric as current/target, statuses matched by index. */
  static String format(List<ObjectNode> specs, List<ObjectNode> statuses) {
    if (specs.isEmpty()) {
      return "<none>";
    }
    List<String> list = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      ObjectNode spec = specs.get(i);
      JsonNode status = i < statuses.size() ? statuses.get(i) : Json.newObject();
      String type = Json.text(spec, "type");
      String field = SOURCE_FIELDS.get(type);
      if (field == null) {
        list.add("<unknown type>");
        continue;
      }
      JsonNode target = Json.at(spec, field, "target");
      JsonNode current = Json.at(status, field, "current");
      boolean hasStatus = Json.at(status, field).isObject();
      String currentValue;
      switch (type) {
        case "External", "Object" -> {
          if (Json.has(target, "averageValue")) {
            currentValue =
                hasStatus && Json.has(current, "averageValue")
                    ? Json.text(current, "averageValue")
                    : "<unknown>";
            list.add(currentValue + "/" + Json.text(target, "averageValue") + " (avg)");
          } else {
            currentValue = hasStatus ? Json.text(current, "value") : "<unknown>";
            list.add(currentValue + "/" + Json.text(target, "value"));
          }
        }
        case "Pods" -> {
          currentValue = hasStatus ? Json.text(current, "averageValue") : "<unknown>";
          list.add(currentValue + "/" + Json.text(target, "averageValue"));
        }
        default -> {
          String name = Json.text(spec, field, "name");
          if (Json.has(target, "averageValue")) {
            currentValue = hasStatus ? Json.text(current, "averageValue") : "<unknown>";
            list.add(name + ": " + currentValue + "/" + Json.text(target, "averageValue"));
          } else {
            currentValue =
                hasStatus && Json.has(current, "averageUtilization")
                    ? Json.integer(current, 0, "averageUtilization") + "%"
                    : "<unknown>";
            String t =
                Json.has(target, "averageUtilization")
                    ? Json.integer(target, 0, "averageUtilization") + "%"
                    : "<auto>";
            list.add(name + ": " + currentValue + "/" + t);
          }
        }
      }
    }
    if (list.size() > SHOWN) {
      return String.join(", ", list.subList(0, SHOWN)) + " + " + (list.size() - SHOWN) + " more...";
    }
    return String.join(", ", list);
  }
}
