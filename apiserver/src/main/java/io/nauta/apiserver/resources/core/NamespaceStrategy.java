package io.nauta.apiserver.resources.core;

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
import java.util.Map;
import java.util.Set;

/**
 * Namespaces: DNS-1123 label names, the {@code kubernetes.io/metadata.name} label, the {@code
 * kubernetes} finalizer and phase {@code Active} on create; {@code spec.finalizers} only change
 * through {@code /finalize}, so updates keep the stored ones.
 */
public final class NamespaceStrategy implements ResourceStrategy {
  /** The label Kubernetes keeps equal to the namespace's name. */
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private static final Set<String> STANDARD_FINALIZERS =
      Set.of("kubernetes", "orphan", "foregroundDeletion");

  @Override
  public NameRule nameRule() {
    return NameRule.DNS1123_LABEL;
  }

  @Override
  public void prepareForCreate(ObjectNode ns) {
    nameLabel(ns);
    ObjectNode spec = Json.object(ns, "spec");
    if (!Json.strings(spec, "finalizers").contains("kubernetes")) {
      JsonNode f = spec.get("finalizers");
      (f instanceof ArrayNode a ? a : spec.putArray("finalizers")).add("kubernetes");
    }
    ns.putObject("status").put("phase", "Active");
  }

  @Override
  public void prepareForUpdate(ObjectNode ns, ObjectNode old) {
    nameLabel(ns);
    JsonNode oldSpec = old.path("spec");
    ObjectNode spec = Json.object(ns, "spec");
    if (oldSpec.has("finalizers")) {
      spec.set("finalizers", oldSpec.get("finalizers").deepCopy());
    } else {
      spec.remove("finalizers");
    }
  }

  private static void nameLabel(ObjectNode ns) {
    String name = Json.text(ns, "metadata", "name");
    if (!name.isEmpty()) {
      Json.objectAt(ns, "metadata", "labels").put(NAME_LABEL, name);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode ns) {
    ErrorList errs = new ErrorList();
    FieldPath p = FieldPath.of("spec").child("finalizers");
    for (String f : Json.strings(ns, "spec", "finalizers")) {
      errs.qualifiedName(p, f);
      if (!f.contains("/") && !STANDARD_FINALIZERS.contains(f)) {
        errs.invalid(p, f, "name is neither a standard finalizer name nor is it fully qualified");
      }
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode ns, ObjectNode old) {
    ErrorList errs = new ErrorList();
    String phase = Json.text(ns, "status", "phase");
    FieldPath p = FieldPath.of("status").child("Phase");
    if (!Json.has(ns, "metadata", "deletionTimestamp")) {
      if (!phase.equals("Active")) {
        errs.invalid(p, phase, "may only be 'Active' if `deletionTimestamp` is empty");
      }
    } else if (!phase.equals("Terminating")) {
      errs.invalid(p, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty");
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Status", "The status of the namespace"),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode ns, Instant now) {
    return List.of(Printing.name(ns), Json.text(ns, "status", "phase"), Printing.age(ns, now));
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode ns) {
    // "name" is a Kubernetes bug kept for compatibility; clients rely on it
    return Map.of("status.phase", Json.text(ns, "status", "phase"), "name", Printing.name(ns));
  }
}
