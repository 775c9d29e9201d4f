package io.nauta.apiserver.resources.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.List;

/**
 * HorizontalPodAutoscalers in their {@code autoscaling/v2} storage form (both served versions use
 * this strategy): minReplicas 1, a CPU 80% utilization metric when none is given, and the scaling
 * behavior defaults when a behavior is given (as in Kubernetes, all but the scale-down
 * stabilization window, which the controller's flag supplies); bounds, target reference and metrics
 * validated.
 */
public final class HorizontalPodAutoscalerStrategy implements ResourceStrategy {
  private static final FieldPath SPEC = FieldPath.of("spec");
  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.string("Reference", "The scaled object, Kind/name."),
          TableColumn.string("Targets", "Current and target values of the metrics."),
          TableColumn.string("MinPods", "The lower limit of replicas."),
          TableColumn.string("MaxPods", "The upper limit of replicas."),
          TableColumn.string("Replicas", "The current number of replicas."),
          TableColumn.AGE);

  @Override
  public void prepareForCreate(ObjectNode hpa) {
    defaults(hpa);
    hpa.putObject("status").put("desiredReplicas", 0);
  }

  @Override
  public void prepareForUpdate(ObjectNode hpa, ObjectNode old) {
    defaults(hpa);
  }

  static void defaults(ObjectNode hpa) {
    ObjectNode spec = Json.object(hpa, "spec");
    Json.defaultInt(spec, "minReplicas", 1);
    if (Json.size(spec, "metrics") == 0) {
      ObjectNode metric = spec.putArray("metrics").addObject();
      metric.put("type", "Resource");
      ObjectNode resource = metric.putObject("resource");
      resource.put("name", "cpu");
      resource.putObject("target").put("type", "Utilization").put("averageUtilization", 80);
    }
    ObjectNode behavior = Json.objectOrNull(spec, "behavior");
    if (behavior != null) {
      rules(Json.object(behavior, "scaleUp"), 0, new int[][] {{4, 15}, {100, 15}}, true);
      // no scale-down window: the controller's --horizontal-pod-autoscaler-downscale-stabilization
      rules(Json.object(behavior, "scaleDown"), null, new int[][] {{100, 15}}, false);
    }
  }

  private static void rules(ObjectNode rules, Integer window, int[][] policies, boolean up) {
    if (window != null) {
      Json.defaultInt(rules, "stabilizationWindowSeconds", window);
    }
    Json.defaultText(rules, "selectPolicy", "Max");
    if (Json.size(rules, "policies") == 0) {
      ArrayNode list = rules.putArray("policies");
      for (int i = 0; i < policies.length; i++) {
        String type = up && i == 0 ? "Pods" : "Percent";
        list.addObject()
            .put("type", type)
            .put("value", policies[i][0])
            .put("periodSeconds", policies[i][1]);
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode hpa) {
    ErrorList errs = new ErrorList();
    JsonNode spec = hpa.path("spec");
    JsonNode min = spec.get("minReplicas");
    if (min != null && min.isNumber() && min.asLong() < 1) {
      errs.invalid(SPEC.child("minReplicas"), min.asLong(), "must be greater than or equal to 1");
    }
    long max = Json.integer(spec, 0, "maxReplicas");
    if (max < 1) {
      errs.invalid(SPEC.child("maxReplicas"), max, "must be greater than 0");
    }
    if (min != null && min.isNumber() && max < min.asLong()) {
      errs.invalid(
          SPEC.child("maxReplicas"), max, "must be greater than or equal to `minReplicas`");
    }
    FieldPath ref = SPEC.child("scaleTargetRef");
    for (String f : List.of("kind", "name")) {
      String v = Json.text(spec, "scaleTargetRef", f);
      if (v.isEmpty()) {
        errs.required(ref.child(f), "");
      } else if (v.equals(".") || v.equals("..")) {
        errs.invalid(ref.child(f), v, "may not be '" + v + "'");
      } else if (v.contains("/") || v.contains("%")) {
        errs.invalid(ref.child(f), v, "may not contain '" + (v.contains("/") ? "/" : "%") + "'");
      }
    }
    Metrics.validate(errs, SPEC.child("metrics"), Json.objects(spec, "metrics"));
    JsonNode behavior = spec.path("behavior");
    for (String dir : List.of("scaleUp", "scaleDown")) {
      if (behavior.path(dir).isObject()) {
        Metrics.validateRules(errs, SPEC.child("behavior").child(dir), behavior.get(dir));
      }
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode hpa, ObjectNode old) {
    ErrorList errs = new ErrorList();
    errs.nonNegative(
        FieldPath.of("status").child("currentReplicas"), Json.at(hpa, "status", "currentReplicas"));
    errs.nonNegative(
        FieldPath.of("status").child("desiredReplicas"), Json.at(hpa, "status", "desiredReplicas"));
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode hpa, Instant now) {
    JsonNode spec = hpa.path("spec");
    return List.of(
        Printing.name(hpa),
        Json.text(spec, "scaleTargetRef", "kind") + "/" + Json.text(spec, "scaleTargetRef", "name"),
        Metrics.format(
            Json.objects(spec, "metrics"), Json.objects(hpa, "status", "currentMetrics")),
        Json.has(spec, "minReplicas")
            ? String.valueOf(Json.integer(spec, 0, "minReplicas"))
            : "<unset>",
        Json.integer(spec, 0, "maxReplicas"),
        Json.integer(hpa, 0, "status", "currentReplicas"),
        Printing.age(hpa, now));
  }
}
