package io.nauta.apiserver.resources.apps;

import static io.nauta.apiserver.resources.apps.Workloads.SPEC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * DaemonSets: RollingUpdate with maxUnavailable 1 and maxSurge 0 and 10 revisions by default;
 * exactly one of maxUnavailable and maxSurge non-zero; template restart policy Always and no
 * activeDeadlineSeconds; the selector is immutable.
 */
public final class DaemonSetStrategy implements ResourceStrategy {
  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.integer("Desired", "The number of nodes that should run the daemon pod."),
          TableColumn.integer("Current", "The number of nodes running at least one daemon pod."),
          TableColumn.integer("Ready", "The number of nodes with a ready daemon pod."),
          TableColumn.integer("Up-to-date", "The number of nodes running the updated daemon pod."),
          TableColumn.integer("Available", "The number of nodes with an available daemon pod."),
          TableColumn.string("Node Selector", "The node selector of the pod template."),
          TableColumn.AGE,
          Columns.CONTAINERS,
          Columns.IMAGES,
          Columns.SELECTOR);

  @Override
  public void prepareForCreate(ObjectNode ds) {
    defaults(ds);
    ObjectNode status = ds.putObject("status");
    for (String f :
        List.of(
            "currentNumberScheduled",
            "numberMisscheduled",
            "desiredNumberScheduled",
            "numberReady")) {
      status.put(f, 0);
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode ds, ObjectNode old) {
    defaults(ds);
  }

  private static void defaults(ObjectNode ds) {
    ObjectNode spec = Json.object(ds, "spec");
    ObjectNode strategy = Json.object(spec, "updateStrategy");
    Json.defaultText(strategy, "type", "RollingUpdate");
    if (Json.text(strategy, "type").equals("RollingUpdate")) {
      ObjectNode rolling = Json.object(strategy, "rollingUpdate");
      Json.defaultInt(rolling, "maxUnavailable", 1);
      Json.defaultInt(rolling, "maxSurge", 0);
    }
    Json.defaultInt(spec, "revisionHistoryLimit", 10);
    PodTemplates.defaults(Json.object(spec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode ds) {
    ErrorList errs = new ErrorList();
    JsonNode spec = ds.path("spec");
    LabelSelectors.validate(errs, SPEC.child("selector"), spec.get("selector"));
    if (!LabelSelectors.matches(
        spec.get("selector"), Json.stringMap(spec, "template", "metadata", "labels"))) {
      errs.invalid(
          SPEC.child("template").child("metadata").child("labels"),
          LabelSelectors.goMap(Json.stringMap(spec, "template", "metadata", "labels")),
          "`selector` does not match template `labels`");
    }
    if (Json.has(spec, "selector") && LabelSelectors.isEmpty(spec.get("selector"))) {
      errs.invalid(
          SPEC.child("selector"),
          spec.get("selector").toString(),
          "empty selector is invalid for daemonset");
    }
    PodTemplates.validate(errs, SPEC.child("template"), Json.at(spec, "template"));
    Workloads.restartAlways(errs, spec);
    JsonNode deadline = Json.at(spec, "template", "spec", "activeDeadlineSeconds");
    if (!deadline.isMissingNode() && !deadline.isNull()) {
      errs.invalid(
          SPEC.child("template").child("spec").child("activeDeadlineSeconds"),
          deadline.asText(),
          "activeDeadlineSeconds must be nil for daemons");
    }
    Workloads.nonNegative(
        errs, spec, "minReadySeconds", "templateGeneration", "revisionHistoryLimit");
    updateStrategy(errs, SPEC.child("updateStrategy"), spec.path("updateStrategy"));
    return errs.toList();
  }

  private static void updateStrategy(ErrorList errs, FieldPath p, JsonNode strategy) {
    String type = Json.text(strategy, "type");
    switch (type) {
      case "OnDelete" -> {}
      case "RollingUpdate" -> {
        JsonNode ru = strategy.path("rollingUpdate");
        FieldPath rp = p.child("rollingUpdate");
        if (!ru.isObject()) {
          errs.required(rp, "");
          return;
        }
        IntOrPercent.check(errs, rp.child("maxUnavailable"), ru.get("maxUnavailable"), true);
        IntOrPercent.check(errs, rp.child("maxSurge"), ru.get("maxSurge"), true);
        boolean unavailable = !IntOrPercent.isZero(ru.get("maxUnavailable"));
        boolean surge = !IntOrPercent.isZero(ru.get("maxSurge"));
        if (unavailable && surge) {
          errs.invalid(
              rp.child("maxSurge"),
              ru.path("maxSurge").asText(),
              "may not be set when maxUnavailable is non-zero");
        } else if (!unavailable && !surge) {
          errs.required(rp.child("maxUnavailable"), "cannot be 0 when maxSurge is 0");
        }
      }
      default -> errs.notSupported(p, type, "RollingUpdate", "OnDelete");
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode ds, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(ds));
    Workloads.selectorImmutable(errs, ds, old);
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode ds, ObjectNode old) {
    ErrorList errs = new ErrorList();
    Workloads.status(
        errs,
        ds,
        new String[] {
          "currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady",
          "updatedNumberScheduled", "numberAvailable", "numberUnavailable", "observedGeneration"
        });
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode ds, Instant now) {
    JsonNode spec = ds.path("spec");
    JsonNode status = ds.path("status");
    JsonNode podSpec = Json.at(spec, "template", "spec");
    return List.of(
        Printing.name(ds),
        Json.integer(status, 0, "desiredNumberScheduled"),
        Json.integer(status, 0, "currentNumberScheduled"),
        Json.integer(status, 0, "numberReady"),
        Json.integer(status, 0, "updatedNumberScheduled"),
        Json.integer(status, 0, "numberAvailable"),
        LabelSelectors.formatLabels(Json.stringMap(podSpec, "nodeSelector")),
        Printing.age(ds, now),
        Columns.containerNames(podSpec),
        Columns.containerImages(podSpec),
        LabelSelectors.format(spec.get("selector")));
  }
}
