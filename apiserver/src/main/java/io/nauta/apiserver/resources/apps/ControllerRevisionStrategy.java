package io.nauta.apiserver.resources.apps;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Locale;

/**
 * ControllerRevisions: immutable snapshots of a workload template; {@code data} is required and
 * never changes, {@code revision} is non-negative. The table names the controlling owner.
 */
public final class ControllerRevisionStrategy implements ResourceStrategy {

  @Override
  public List<FieldError> validate(ObjectNode cr) {
    ErrorList errs = new ErrorList();
    if (!Json.has(cr, "data")) {
      errs.required(FieldPath.of("data"), "data is mandatory");
    }
    errs.nonNegative(FieldPath.of("revision"), cr.get("revision"));
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode cr, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(cr));
    if (!Json.at(cr, "data").equals(Json.at(old, "data"))) {
      errs.invalid(FieldPath.of("data"), Json.at(cr, "data").toString(), "field is immutable");
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Controller", "Controller of the object"),
        TableColumn.string("Revision", "The revision number of the snapshot."),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode cr, Instant now) {
    return List.of(
        Printing.name(cr), controller(cr), Json.integer(cr, 0, "revision"), Printing.age(cr, now));
  }

  /** {@code kind.group/name} of the controlling owner, lower-cased, or "<none>". */
  static String controller(ObjectNode obj) {
    for (JsonNode ref : Json.objects(obj, "metadata", "ownerReferences")) {
      if (Json.bool(ref, "controller")) {
        String apiVersion = Json.text(ref, "apiVersion");
        String group =
            apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = Json.text(ref, "kind");
        String gk = group.isEmpty() ? kind : kind + "." + group;
        return gk.isEmpty()
            ? Json.text(ref, "name")
            : gk.toLowerCase(Locale.ROOT) + "/" + Json.text(ref, "name");
      }
    }
    return "<none>";
  }
}
