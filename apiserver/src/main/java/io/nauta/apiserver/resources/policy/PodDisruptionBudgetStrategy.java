package io.nauta.apiserver.resources.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.selector.LabelSelectors;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.IntOrPercent;
import java.time.Instant;
import java.util.List;

/**
 * PodDisruptionBudgets: status zeroed on create (the disruption controller computes it); at most
 * one of {@code minAvailable} and {@code maxUnavailable}, each a non-negative integer or a
 * percentage up to 100%; a valid selector and eviction policy.
 */
public final class PodDisruptionBudgetStrategy implements ResourceStrategy {
  private static final FieldPath SPEC = FieldPath.of("spec");

  /** The policy/v1 poddisruptionbudgets resource. */
  public static ResourceType resourceType() {
    return ResourceType.builder("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets")
        .shortNames("pdb")
        .subresources("status")
        .strategy(new PodDisruptionBudgetStrategy())
        .build();
  }

  @Override
  public void prepareForCreate(ObjectNode pdb) {
    ObjectNode status = pdb.putObject("status");
    for (String f :
        List.of("disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods")) {
      status.put(f, 0);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode pdb) {
    ErrorList errs = new ErrorList();
    JsonNode spec = pdb.path("spec");
    if (Json.has(spec, "minAvailable") && Json.has(spec, "maxUnavailable")) {
      errs.invalid(SPEC, spec.toString(), "minAvailable and maxUnavailable cannot be both set");
    }
    IntOrPercent.check(errs, SPEC.child("minAvailable"), spec.get("minAvailable"), true);
    IntOrPercent.check(errs, SPEC.child("maxUnavailable"), spec.get("maxUnavailable"), true);
    LabelSelectors.validate(errs, SPEC.child("selector"), spec.get("selector"));
    if (Json.has(spec, "unhealthyPodEvictionPolicy")) {
      errs.oneOf(
          SPEC.child("unhealthyPodEvictionPolicy"),
          Json.text(spec, "unhealthyPodEvictionPolicy"),
          "AlwaysAllow",
          "IfHealthyBudget");
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode pdb, ObjectNode old) {
    ErrorList errs = new ErrorList();
    FieldPath sp = FieldPath.of("status");
    for (String f :
        List.of("disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods")) {
      errs.nonNegative(sp.child(f), Json.at(pdb, "status", f));
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Min Available", "The minimum number of pods that must be available."),
        TableColumn.string(
            "Max Unavailable", "The maximum number of pods that may be unavailable."),
        TableColumn.integer(
            "Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode pdb, Instant now) {
    JsonNode spec = pdb.path("spec");
    return List.of(
        Printing.name(pdb),
        Json.has(spec, "minAvailable") ? spec.get("minAvailable").asText() : "N/A",
        Json.has(spec, "maxUnavailable") ? spec.get("maxUnavailable").asText() : "N/A",
        Json.integer(pdb, 0, "status", "disruptionsAllowed"),
        Printing.age(pdb, now));
  }
}
