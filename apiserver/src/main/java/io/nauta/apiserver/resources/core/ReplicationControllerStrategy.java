package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.table.Columns;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * ReplicationControllers, the predecessor of ReplicaSets: a plain label map as selector, defaulted
 * from the template's labels; one replica by default. Stored and validated; no controller runs them
 * (use Deployments).
 */
public final class ReplicationControllerStrategy implements ResourceStrategy {
  private static final FieldPath SPEC = FieldPath.of("spec");

  @Override
  public void prepareForCreate(ObjectNode rc) {
    defaults(rc);
    rc.putObject("status").put("replicas", 0);
  }

  @Override
  public void prepareForUpdate(ObjectNode rc, ObjectNode old) {
    defaults(rc);
  }

  private static void defaults(ObjectNode rc) {
    ObjectNode spec = Json.object(rc, "spec");
    Json.defaultInt(spec, "replicas", 1);
    JsonNode templateLabels = Json.at(spec, "template", "metadata", "labels");
    if (!Json.has(spec, "selector") && templateLabels != null && templateLabels.isObject()) {
      spec.set("selector", templateLabels.deepCopy());
    }
    if (Json.has(spec, "template")) {
      PodTemplates.defaults(Json.object(spec, "template"));
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode rc) {
    ErrorList errs = new ErrorList();
    JsonNode spec = rc.path("spec");
    errs.nonNegative(SPEC.child("replicas"), spec.get("replicas"));
    errs.nonNegative(SPEC.child("minReadySeconds"), spec.get("minReadySeconds"));
    Map<String, String> selector = Json.stringMap(spec, "selector");
    if (selector.isEmpty()) {
      errs.required(SPEC.child("selector"), "");
    }
    errs.labels(SPEC.child("selector"), selector);
    if (!Json.has(spec, "template")) {
      errs.required(SPEC.child("template"), "");
      return errs.toList();
    }
    Map<String, String> labels = Json.stringMap(spec, "template", "metadata", "labels");
    if (!selector.isEmpty() && !labels.entrySet().containsAll(selector.entrySet())) {
      errs.invalid(
          SPEC.child("template").child("metadata").child("labels"),
          labels,
          "`selector` does not match template `labels`");
    }
    PodTemplates.validate(errs, SPEC.child("template"), Json.at(spec, "template"));
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.integer("Desired", "The number of replicas wanted."),
        TableColumn.integer("Current", "The number of replicas that exist."),
        TableColumn.integer("Ready", "The number of ready replicas."),
        TableColumn.AGE,
        Columns.CONTAINERS,
        Columns.IMAGES,
        Columns.SELECTOR);
  }

  @Override
  public List<Object> cells(ObjectNode rc, Instant now) {
    JsonNode spec = rc.path("spec");
    JsonNode podSpec = Json.at(spec, "template", "spec");
    List<String> selector =
        Json.stringMap(spec, "selector").entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .toList();
    return List.of(
        Printing.name(rc),
        Json.integer(spec, 0, "replicas"),
        Json.integer(rc, 0, "status", "replicas"),
        Json.integer(rc, 0, "status", "readyReplicas"),
        Printing.age(rc, now),
        Columns.containerNames(podSpec),
        Columns.containerImages(podSpec),
        String.join(",", selector));
  }
}
