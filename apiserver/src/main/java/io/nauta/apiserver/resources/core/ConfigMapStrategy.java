package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ConfigKeys;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ConfigMaps: config keys in {@code data} and {@code binaryData} (no key in both), at most 1 MiB in
 * total, and no data changes once {@code immutable} is true.
 */
public final class ConfigMapStrategy implements ResourceStrategy {

  @Override
  public List<FieldError> validate(ObjectNode cm) {
    ErrorList errs = new ErrorList();
    Map<String, String> data = Json.stringMap(cm, "data");
    JsonNode binary = Json.at(cm, "binaryData");
    long total = 0;
    for (Map.Entry<String, String> e : data.entrySet()) {
      FieldPath p = FieldPath.of("data").key(e.getKey());
      ConfigKeys.errors(e.getKey()).forEach(m -> errs.invalid(p, e.getKey(), m));
      if (binary.has(e.getKey())) {
        errs.invalid(p, e.getKey(), "duplicate of key present in binaryData");
      }
      total += e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    for (Map.Entry<String, String> e : Json.stringMap(cm, "binaryData").entrySet()) {
      FieldPath p = FieldPath.of("binaryData").key(e.getKey());
      ConfigKeys.errors(e.getKey()).forEach(m -> errs.invalid(p, e.getKey(), m));
      try {
        total += Base64.getDecoder().decode(e.getValue()).length;
      } catch (IllegalArgumentException ex) {
        errs.invalid(p, e.getValue(), "illegal base64 data");
      }
    }
    if (total > ConfigKeys.MAX_TOTAL_BYTES) {
      errs.tooLong(FieldPath.ROOT, ConfigKeys.MAX_TOTAL_BYTES);
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode cm, ObjectNode old) {
    ErrorList errs = new ErrorList();
    if (Json.bool(old, "immutable")) {
      if (!Json.bool(cm, "immutable")) {
        errs.forbidden(FieldPath.of("immutable"), "field is immutable when `immutable` is set");
      }
      if (!Json.at(cm, "data").equals(Json.at(old, "data"))) {
        errs.forbidden(FieldPath.of("data"), "field is immutable when `immutable` is set");
      }
      if (!Json.at(cm, "binaryData").equals(Json.at(old, "binaryData"))) {
        errs.forbidden(FieldPath.of("binaryData"), "field is immutable when `immutable` is set");
      }
    }
    return errs.addAll(validate(cm)).toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Data", "The number of data entries."),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode cm, Instant now) {
    long n = Json.size(cm, "data") + Json.size(cm, "binaryData");
    return List.of(Printing.name(cm), n, Printing.age(cm, now));
  }
}
