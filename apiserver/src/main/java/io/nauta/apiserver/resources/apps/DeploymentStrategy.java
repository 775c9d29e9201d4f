package io.nauta.apiserver.resources.apps;

import static io.nauta.apiserver.resources.apps.Workloads.SPEC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.core.PodTemplates;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.selector.LabelSelectors;
import io.nauta.apiserver.resources.table.Columns;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.IntOrPercent;
import java.time.Instant;
import java.util.List;

/**
 * Deployments: 1 replica, RollingUpdate 25%/25%, 10 revisions and a 600 s progress deadline by
 * default; the template must match the selector and restart always; the selector is immutable.
 */
public final class DeploymentStrategy implements ResourceStrategy {
  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.string("Ready", "Number of the pod with ready state"),
          TableColumn.string("Up-to-date", "Pods running the latest template."),
          TableColumn.string("Available", "Pods available to users."),
          TableColumn.AGE,
          Columns.CONTAINERS,
          Columns.IMAGES,
          Columns.SELECTOR);

  @Override
  public void prepareForCreate(ObjectNode d) {
    defaults(d);
    d.putObject("status");
  }

  @Override
  public void prepareForUpdate(ObjectNode d, ObjectNode old) {
    defaults(d);
  }

  static void defaults(ObjectNode d) {
    ObjectNode spec = Json.object(d, "spec");
    Json.defaultInt(spec, "replicas", 1);
    ObjectNode strategy = Json.object(spec, "strategy");
    Json.defaultText(strategy, "type", "RollingUpdate");
    if (Json.text(strategy, "type").equals("RollingUpdate")) {
      ObjectNode rolling = Json.object(strategy, "rollingUpdate");
      Json.defaultNode(rolling, "maxUnavailable", TextNode.valueOf("25%"));
      Json.defaultNode(rolling, "maxSurge", TextNode.valueOf("25%"));
    }
    Json.defaultInt(spec, "revisionHistoryLimit", 10);
    Json.defaultInt(spec, "progressDeadlineSeconds", 600);
    PodTemplates.defaults(Json.object(spec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode d) {
    ErrorList errs = new ErrorList();
    JsonNode spec = d.path("spec");
    Workloads.nonNegative(errs, spec, "replicas", "minReadySeconds", "revisionHistoryLimit");
    Workloads.requireSelector(errs, spec, "deployment");
    Workloads.selectorMatchesTemplate(errs, spec);
    PodTemplates.validate(errs, SPEC.child("template"), Json.at(spec, "template"));
    Workloads.restartAlways(errs, spec);
    if (Json.has(spec, "template", "spec", "activeDeadlineSeconds")) {
      errs.forbidden(
          SPEC.child("template").child("spec").child("activeDeadlineSeconds"),
          "activeDeadlineSeconds in ReplicaSet is not Supported");
    }
    strategy(errs, SPEC.child("strategy"), spec.path("strategy"));
    JsonNode deadline = spec.get("progressDeadlineSeconds");
    if (deadline != null && deadline.isNumber()) {
      errs.nonNegative(SPEC.child("progressDeadlineSeconds"), deadline);
      if (deadline.asLong() <= Json.integer(spec, 0, "minReadySeconds")) {
        errs.invalid(
            SPEC.child("progressDeadlineSeconds"),
            deadline.asLong(),
            "must be greater than minReadySeconds");
      }
    }
    return errs.toList();
  }

  private static void strategy(ErrorList errs, FieldPath p, JsonNode strategy) {
    String type = Json.text(strategy, "type");
    switch (type) {
      case "Recreate" -> {
        if (Json.has(strategy, "rollingUpdate")) {
          errs.forbidden(
              p.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
        }
      }
      case "RollingUpdate" -> {
        JsonNode ru = strategy.path("rollingUpdate");
        if (!ru.isObject()) {
          errs.required(p.child("rollingUpdate"), "this should be defaulted and never be nil");
          return;
        }
        FieldPath rp = p.child("rollingUpdate");
        IntOrPercent.check(errs, rp.child("maxUnavailable"), ru.get("maxUnavailable"), true);
        IntOrPercent.check(errs, rp.child("maxSurge"), ru.get("maxSurge"), false);
        if (IntOrPercent.isZero(ru.get("maxUnavailable"))
            && IntOrPercent.isZero(ru.get("maxSurge"))) {
          errs.invalid(
              rp.child("maxUnavailable"),
              ru.path("maxUnavailable").asText(),
              "may not be 0 when `maxSurge` is 0");
        }
      }
      default -> errs.notSupported(p, type, "Recreate", "RollingUpdate");
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode d, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(d));
    Workloads.selectorImmutable(errs, d, old);
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode d, ObjectNode old) {
    ErrorList errs = new ErrorList();
    Workloads.status(errs, d, Workloads.REPLICA_COUNTERS, "readyReplicas", "availableReplicas");
    long ready = Json.integer(d, 0, "status", "readyReplicas");
    long available = Json.integer(d, 0, "status", "availableReplicas");
    if (available > ready) {
      errs.invalid(
          FieldPath.of("status").child("availableReplicas"),
          available,
          "cannot be greater than readyReplicas");
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode d, Instant now) {
    JsonNode spec = d.path("spec");
    JsonNode status = d.path("status");
    JsonNode podSpec = Json.at(spec, "template", "spec");
    return List.of(
        Printing.name(d),
        Json.integer(status, 0, "readyReplicas") + "/" + Json.integer(spec, 0, "replicas"),
        Json.integer(status, 0, "updatedReplicas"),
        Json.integer(status, 0, "availableReplicas"),
        Printing.age(d, now),
        Columns.containerNames(podSpec),
        Columns.containerImages(podSpec),
        LabelSelectors.toSelectorString(spec.get("selector")));
  }
}
