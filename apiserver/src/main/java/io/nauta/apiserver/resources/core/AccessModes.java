package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.util.ArrayList;
import java.util.List;

/** Persistent volume access modes: validation and kubectl's short form ({@code RWO,ROX}). */
final class AccessModes {
  private static final String[][] SHORT = {
    {"ReadWriteOnce", "RWO"},
    {"ReadOnlyMany", "ROX"},
    {"ReadWriteMany", "RWX"},
    {"ReadWriteOncePod", "RWOP"}
  };

  private AccessModes() {}

  static void validate(ErrorList errs, FieldPath p, JsonNode spec, String requiredDetail) {
    List<String> modes = Json.strings(spec, "accessModes");
    if (modes.isEmpty()) {
      errs.required(p, requiredDetail);
    }
    for (String m : modes) {
      errs.oneOf(p, m, "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
    }
    if (modes.contains("ReadWriteOncePod") && modes.size() > 1) {
      errs.forbidden(p, "may not use ReadWriteOncePod with other access modes");
    }
  }

  static String format(List<String> modes) {
    List<String> out = new ArrayList<>();
    for (String[] s : SHORT) {
      if (modes.contains(s[0])) {
        out.add(s[1]);
      }
    }
    return String.join(",", out);
  }

  /** The storage class: the beta annotation wins over {@code spec.storageClassName}. */
  static String storageClass(JsonNode obj) {
    String a = Json.text(obj, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class");
    return Json.has(obj, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class")
        ? a
        : Json.text(obj, "spec", "storageClassName");
  }

  static String unsetIfAbsent(JsonNode obj, String... path) {
    return Json.has(obj, path) ? Json.text(obj, path) : "<unset>";
  }
}
