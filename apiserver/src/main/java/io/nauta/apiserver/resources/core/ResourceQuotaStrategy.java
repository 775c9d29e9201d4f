package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.Quantities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * ResourceQuotas: status is cleared on create (the quota controller fills it); hard limits are
 * valid non-negative quantities, scopes supported; the table lists {@code used/hard} per resource,
 * limits apart from requests.
 */
public final class ResourceQuotaStrategy implements ResourceStrategy {

  @Override
  public void prepareForCreate(ObjectNode quota) {
    quota.putObject("status");
  }

  @Override
  public List<FieldError> validate(ObjectNode quota) {
    ErrorList errs = new ErrorList();
    resources(errs, FieldPath.of("spec").child("hard"), Json.at(quota, "spec", "hard"));
    List<String> scopes = Json.strings(quota, "spec", "scopes");
    for (int i = 0; i < scopes.size(); i++) {
      errs.oneOf(
          FieldPath.of("spec").child("scopes").index(i),
          scopes.get(i),
          "BestEffort",
          "CrossNamespacePodAffinity",
          "NotBestEffort",
          "NotTerminating",
          "PriorityClass",
          "Terminating");
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode quota, ObjectNode old) {
    ErrorList errs = new ErrorList();
    resources(errs, FieldPath.of("status").child("hard"), Json.at(quota, "status", "hard"));
    resources(errs, FieldPath.of("status").child("used"), Json.at(quota, "status", "used"));
    return errs.toList();
  }

  private static void resources(ErrorList errs, FieldPath p, JsonNode list) {
    if (list.isObject()) {
      list.properties()
          .forEach(
              e -> {
                errs.qualifiedName(p.key(e.getKey()), e.getKey());
                Quantities.check(errs, p.key(e.getKey()), e.getValue());
              });
    }
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Request", "The quota's request-type resources as used/hard."),
        TableColumn.string("Limit", "The quota's limits.* resources as used/hard."),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode quota, Instant now) {
    List<String> requests = new ArrayList<>();
    List<String> limits = new ArrayList<>();
    TreeMap<String, String> hard = new TreeMap<>(Json.stringMap(quota, "status", "hard"));
    hard.forEach(
        (name, value) -> {
          String used = Json.text(quota, "status", "used", name);
          String cell = name + ": " + (used.isEmpty() ? "0" : used) + "/" + value;
          (name.startsWith("limits.") ? limits : requests).add(cell);
        });
    return List.of(
        Printing.name(quota),
        String.join(", ", requests),
        String.join(", ", limits),
        Printing.age(quota, now));
  }
}
