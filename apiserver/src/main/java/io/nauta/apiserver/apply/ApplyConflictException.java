package io.nauta.apiserver.apply;

import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.status.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A 409 Conflict for an apply that would change fields other managers own, worded as Kubernetes
 * does: {@code Apply failed with 1 conflict: conflict with "m" using apps/v1: .spec.replicas}, with
 * one {@code FieldManagerConflict} cause per field.
 */
public final class ApplyConflictException extends ApiException {

  ApplyConflictException(Map<ManagedFields.Entry, List<List<String>>> conflicts) {
    super(409, "Conflict", message(conflicts), details(conflicts));
  }

  private static String who(ManagedFields.Entry e) {
    String using = e.apiVersion == null || e.apiVersion.isEmpty() ? "" : " using " + e.apiVersion;
    return "\"" + e.manager + "\"" + using;
  }

  private static String message(Map<ManagedFields.Entry, List<List<String>>> conflicts) {
    int n = conflicts.values().stream().mapToInt(List::size).sum();
    List<String> parts = new ArrayList<>();
    conflicts.forEach(
        (e, paths) -> {
          if (paths.size() == 1) {
            parts.add("conflict with " + who(e) + ": " + Fields.describe(paths.get(0)));
          } else {
            StringBuilder b = new StringBuilder("conflicts with " + who(e) + ":");
            paths.forEach(p -> b.append("\n- ").append(Fields.describe(p)));
            parts.add(b.toString());
          }
        });
    return "Apply failed with "
        + n
        + (n == 1 ? " conflict: " : " conflicts: ")
        + String.join("\n", parts);
  }

  private static Details details(Map<ManagedFields.Entry, List<List<String>>> conflicts) {
    List<FieldError> causes = new ArrayList<>();
    conflicts.forEach(
        (e, paths) ->
            paths.forEach(
                p ->
                    causes.add(
                        new FieldError(
                            FieldError.Type.FIELD_MANAGER_CONFLICT,
                            Fields.describe(p),
                            null,
                            "conflict with " + who(e)))));
    return new Details(null, null, null, causes, 0);
  }
}
