package io.nauta.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.json.JsonNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks {@code metadata.ownerReferences} as Kubernetes' {@code ValidateOwnerReferences} does:
 * every reference names an apiVersion with a version, a kind, a name and a uid; at most one is the
 * controller; a v1 Event may not own anything.
 */
public final class OwnerReferenceValidation {
  private OwnerReferenceValidation() {}

  /**
   * Validates the JSON array {@code refs} (absent is valid) found at {@code path}; problems in
   * element {@code i} are reported under {@code path[i]}. Never throws.
   */
  public static List<FieldError> validate(JsonNode refs, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    FieldReader reader = new FieldReader(errs);
    Optional<JsonNode> array = reader.ofType(refs, "array", path);
    if (array.isEmpty()) {
      return errs;
    }
    String firstController = null;
    for (int i = 0; i < array.get().size(); i++) {
      FieldPath at = path.index(i);
      JsonNode ref = array.get().get(i);
      if (!JsonNodes.isAbsent(ref) && reader.ofType(ref, "object", at).isEmpty()) {
        continue;
      }
      String apiVersion = reader.stringOrEmpty(ref, "apiVersion", at.child("apiVersion"));
      String kind = reader.stringOrEmpty(ref, "kind", at.child("kind"));
      String name = reader.stringOrEmpty(ref, "name", at.child("name"));
      String uid = reader.stringOrEmpty(ref, "uid", at.child("uid"));
      reader.bool(ref, "blockOwnerDeletion", at.child("blockOwnerDeletion"));
      boolean controller = reader.bool(ref, "controller", at.child("controller")).orElse(false);
      if (version(apiVersion).isEmpty()) {
        errs.add(
            FieldError.invalid(
                at.child("apiVersion").toString(), apiVersion, "version must not be empty"));
      }
      mustNotBeEmpty(errs, at.child("kind"), kind);
      mustNotBeEmpty(errs, at.child("name"), name);
      mustNotBeEmpty(errs, at.child("uid"), uid);
      if (apiVersion.equals("v1") && kind.equals("Event")) {
        errs.add(
            FieldError.invalid(
                at.toString(),
                apiVersion + "/" + kind,
                "/v1, Kind=Event is disallowed from being an owner"));
      }
      if (controller) {
        String current = kind + "/" + name;
        if (firstController == null) {
          firstController = current;
        } else {
          errs.add(
              FieldError.invalid(
                  path.toString(),
                  "[" + firstController + " " + current + "]",
                  "Only one reference can have Controller set to true. Found \"true\" in"
                      + " references for "
                      + firstController
                      + " and "
                      + current));
        }
      }
    }
    return errs;
  }

  /**
   * The version part of an apiVersion ({@code apps/v1} gives {@code v1}, {@code v1} gives {@code
   * v1}); empty when there is none or the text has more than one {@code /}.
   */
  static String version(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    if (slash < 0) {
      return apiVersion;
    }
    if (apiVersion.indexOf('/', slash + 1) >= 0) {
      return "";
    }
    return apiVersion.substring(slash + 1);
  }

  private static void mustNotBeEmpty(List<FieldError> errs, FieldPath path, String value) {
    if (value.isEmpty()) {
      errs.add(FieldError.invalid(path.toString(), value, "must not be empty"));
    }
  }
}
