package io.nauta.apiserver.resources.apps;

import static io.nauta.apiserver.resources.apps.Workloads.SPEC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.core.PodTemplates;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.selector.LabelSelectors;
import io.nauta.apiserver.resources.table.Columns;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** ReplicaSets: 1 replica by default, a selector matching the template, immutable selector. */
public final class ReplicaSetStrategy implements ResourceStrategy {
  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.integer("Desired", "The number of replicas wanted."),
          TableColumn.integer("Current", "The number of replicas that exist."),
          TableColumn.integer("Ready", "The number of ready replicas."),
          TableColumn.AGE,
          Columns.CONTAINERS,
          Columns.IMAGES,
          Columns.SELECTOR);

  @Override
  public void prepareForCreate(ObjectNode rs) {
    defaults(rs);
    rs.putObject("status").put("replicas", 0);
  }

  @Override
  public void prepareForUpdate(ObjectNode rs, ObjectNode old) {
    defaults(rs);
  }

  private static void defaults(ObjectNode rs) {
    ObjectNode spec = Json.object(rs, "spec");
    Json.defaultInt(spec, "replicas", 1);
    PodTemplates.defaults(Json.object(spec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode rs) {
    ErrorList errs = new ErrorList();
    JsonNode spec = rs.path("spec");
    Workloads.nonNegative(errs, spec, "replicas", "minReadySeconds");
    Workloads.requireSelector(errs, spec, "deployment");
    Workloads.selectorMatchesTemplate(errs, spec);
    PodTemplates.validate(errs, SPEC.child("template"), Json.at(spec, "template"));
    Workloads.restartAlways(errs, spec);
    if (Json.has(spec, "template", "spec", "activeDeadlineSeconds")) {
      errs.forbidden(
          SPEC.child("template").child("spec").child("activeDeadlineSeconds"),
          "activeDeadlineSeconds in ReplicaSet is not Supported");
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode rs, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(rs));
    Workloads.selectorImmutable(errs, rs, old);
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode rs, ObjectNode old) {
    ErrorList errs = new ErrorList();
    Workloads.status(
        errs,
        rs,
        Workloads.REPLICA_COUNTERS,
        "fullyLabeledReplicas",
        "readyReplicas",
        "availableReplicas");
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode rs, Instant now) {
    JsonNode spec = rs.path("spec");
    JsonNode podSpec = Json.at(spec, "template", "spec");
    return List.of(
        Printing.name(rs),
        Json.integer(spec, 0, "replicas"),
        Json.integer(rs, 0, "status", "replicas"),
        Json.integer(rs, 0, "status", "readyReplicas"),
        Printing.age(rs, now),
        Columns.containerNames(podSpec),
        Columns.containerImages(podSpec),
        LabelSelectors.format(spec.get("selector")));
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode rs) {
    return Map.of("status.replicas", String.valueOf(Json.integer(rs, 0, "status", "replicas")));
  }
}
