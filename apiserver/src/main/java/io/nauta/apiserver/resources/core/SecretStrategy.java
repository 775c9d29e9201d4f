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
 * Secrets: {@code stringData} is merged into {@code data} (base64, overriding) and dropped, type
 * defaults to {@code Opaque}; keys, base64 values, the 1 MiB limit and the keys each well-known
 * type requires are validated; type and (when {@code immutable}) data never change.
 */
public final class SecretStrategy implements ResourceStrategy {

  @Override
  public void prepareForCreate(ObjectNode secret) {
    normalize(secret);
  }

  @Override
  public void prepareForUpdate(ObjectNode secret, ObjectNode old) {
    normalize(secret);
  }

  private static void normalize(ObjectNode secret) {
    Json.defaultText(secret, "type", "Opaque");
    JsonNode stringData = secret.get("stringData");
    if (stringData != null && stringData.isObject() && !stringData.isEmpty()) {
      ObjectNode data = Json.object(secret, "data");
      stringData
          .properties()
          .forEach(
              e ->
                  data.put(
                      e.getKey(),
                      Base64.getEncoder()
                          .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    }
    secret.remove("stringData");
  }

  @Override
  public List<FieldError> validate(ObjectNode secret) {
    ErrorList errs = new ErrorList();
    FieldPath dataPath = FieldPath.of("data");
    Map<String, String> data = Json.stringMap(secret, "data");
    long total = 0;
    for (Map.Entry<String, String> e : data.entrySet()) {
      FieldPath p = dataPath.key(e.getKey());
      ConfigKeys.errors(e.getKey()).forEach(m -> errs.invalid(p, e.getKey(), m));
      try {
        total += Base64.getDecoder().decode(e.getValue()).length;
      } catch (IllegalArgumentException ex) {
        errs.invalid(p, e.getValue(), "illegal base64 data");
      }
    }
    if (total > ConfigKeys.MAX_TOTAL_BYTES) {
      errs.tooLong(dataPath, ConfigKeys.MAX_TOTAL_BYTES);
    }
    typeRequirements(errs, secret, data);
    return errs.toList();
  }

  private static void typeRequirements(
      ErrorList errs, ObjectNode secret, Map<String, String> data) {
    FieldPath dataPath = FieldPath.of("data");
    switch (Json.text(secret, "type")) {
      case "kubernetes.io/service-account-token" -> {
        if (Json.text(secret, "metadata", "annotations", "kubernetes.io/service-account.name")
            .isEmpty()) {
          errs.required(
              FieldPath.of("metadata")
                  .child("annotations")
                  .key("kubernetes.io/service-account.name"),
              "");
        }
      }
      case "kubernetes.io/dockercfg" -> requireKey(errs, dataPath, data, ".dockercfg");
      case "kubernetes.io/dockerconfigjson" ->
          requireKey(errs, dataPath, data, ".dockerconfigjson");
      case "kubernetes.io/basic-auth" -> {
        if (!data.containsKey("username") && !data.containsKey("password")) {
          errs.required(dataPath.key("username"), "");
          errs.required(dataPath.key("password"), "");
        }
      }
      case "kubernetes.io/ssh-auth" -> requireKey(errs, dataPath, data, "ssh-privatekey");
      case "kubernetes.io/tls" -> {
        requireKey(errs, dataPath, data, "tls.crt");
        requireKey(errs, dataPath, data, "tls.key");
      }
      default -> {}
    }
  }

  private static void requireKey(
      ErrorList errs, FieldPath p, Map<String, String> data, String key) {
    if (!data.containsKey(key)) {
      errs.required(p.key(key), "");
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode secret, ObjectNode old) {
    ErrorList errs = new ErrorList();
    String type = Json.text(secret, "type");
    if (!type.equals(Json.text(old, "type"))) {
      errs.invalid(FieldPath.of("type"), type, "field is immutable");
    }
    if (Json.bool(old, "immutable")) {
      if (!Json.bool(secret, "immutable")) {
        errs.forbidden(FieldPath.of("immutable"), "field is immutable when `immutable` is set");
      }
      if (!Json.at(secret, "data").equals(Json.at(old, "data"))) {
        errs.forbidden(FieldPath.of("data"), "field is immutable when `immutable` is set");
      }
    }
    return errs.addAll(validate(secret)).toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Type", "The type of the secret."),
        TableColumn.string("Data", "The number of data entries."),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode secret, Instant now) {
    return List.of(
        Printing.name(secret),
        Json.text(secret, "type"),
        (long) Json.size(secret, "data"),
        Printing.age(secret, now));
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode secret) {
    return Map.of("type", Json.text(secret, "type"));
  }
}
