package io.nauta.apiserver.resources.scheduling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.table.Columns;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * PriorityClasses (cluster-scoped): {@code value} required, at most 1000000000 for user classes;
 * names starting with {@code system-} reserved for the two built-in classes; value and preemption
 * policy ({@code PreemptLowerPriority} by default) immutable.
 */
public final class PriorityClassStrategy implements ResourceStrategy {
  /** The highest value a user-defined class may have. */
  public static final long HIGHEST_USER_PRIORITY = 1_000_000_000L;

  private static final Map<String, Long> SYSTEM_CLASSES =
      Map.of("system-node-critical", 2_000_001_000L, "system-cluster-critical", 2_000_000_000L);

  /** The built-in classes Kubernetes creates at start, by name, with their values. */
  public static Map<String, Long> systemClasses() {
    return SYSTEM_CLASSES;
  }

  /** The scheduling.k8s.io/v1 priorityclasses resource. */
  public static ResourceType resourceType() {
    return ResourceType.builder("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses")
        .clusterScoped()
        .shortNames("pc")
        .strategy(new PriorityClassStrategy())
        .build();
  }

  @Override
  public void prepareForCreate(ObjectNode pc) {
    Json.defaultText(pc, "preemptionPolicy", "PreemptLowerPriority");
  }

  @Override
  public void prepareForUpdate(ObjectNode pc, ObjectNode old) {
    Json.defaultText(pc, "preemptionPolicy", "PreemptLowerPriority");
  }

  @Override
  public List<FieldError> validate(ObjectNode pc) {
    ErrorList errs = new ErrorList();
    String name = Printing.name(pc);
    long value = Json.integer(pc, 0, "value");
    if (!Json.has(pc, "value")) {
      errs.required(FieldPath.of("value"), "");
    }
    if (name.startsWith("system-")) {
      Long expected = SYSTEM_CLASSES.get(name);
      String problem =
          expected == null
              ? name + " is not a known system priority class"
              : expected != value
                  ? "value of " + name + " PriorityClass must be " + expected
                  : null;
      if (problem != null) {
        errs.forbidden(
            FieldPath.of("metadata").child("name"),
            "priority class names with 'system-' prefix are reserved for system use only. error: "
                + problem);
      }
    } else if (value > HIGHEST_USER_PRIORITY) {
      errs.forbidden(
          FieldPath.of("value"),
          "maximum allowed value of a user defined priority is " + HIGHEST_USER_PRIORITY);
    }
    String policy = Json.text(pc, "preemptionPolicy");
    if (!policy.isEmpty()) {
      errs.oneOf(FieldPath.of("preemptionPolicy"), policy, "Never", "PreemptLowerPriority");
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode pc, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(pc));
    if (!Json.at(pc, "value").equals(Json.at(old, "value"))) {
      errs.forbidden(FieldPath.of("value"), "may not be changed in an update.");
    }
    String policy = Json.text(pc, "preemptionPolicy");
    if (!policy.equals(Json.text(old, "preemptionPolicy"))) {
      errs.invalid(FieldPath.of("preemptionPolicy"), policy, "field is immutable");
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.integer("Value", "The priority of pods using this class."),
        Columns.bool("Global-Default", "Whether pods without a class get this one."),
        TableColumn.AGE,
        TableColumn.string("PreemptionPolicy", "Whether pods of this class preempt lower ones."));
  }

  @Override
  public List<Object> cells(ObjectNode pc, Instant now) {
    return List.of(
        Printing.name(pc),
        Json.integer(pc, 0, "value"),
        Json.bool(pc, "globalDefault"),
        Printing.age(pc, now),
        Json.has(pc, "preemptionPolicy") ? Json.text(pc, "preemptionPolicy") : "<unset>");
  }
}
