package io.nauta.apiserver.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import java.time.Instant;
import java.util.List;

/** Builds objects from JSON text for strategy tests. */
public final class TestObjects {
  /** A fixed "now", ten minutes after {@link #CREATED}. */
  public static final Instant NOW = Instant.parse("2024-01-01T00:10:00Z");

  public static final String CREATED = "2024-01-01T00:00:00Z";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestObjects() {}

  /** Parses {@code json} (which must be an object). */
  public static ObjectNode parse(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /**
   * Parses {@code json} and fills metadata name, namespace, uid and creationTimestamp if absent.
   */
  public static ObjectNode object(String json) {
    ObjectNode obj = parse(json);
    ObjectNode meta =
        obj.has("metadata") ? (ObjectNode) obj.get("metadata") : obj.putObject("metadata");
    if (!meta.has("name")) {
      meta.put("name", "x");
    }
    if (!meta.has("namespace")) {
      meta.put("namespace", "default");
    }
    if (!meta.has("uid")) {
      meta.put("uid", "11111111-2222-3333-4444-555555555555");
    }
    if (!meta.has("creationTimestamp")) {
      meta.put("creationTimestamp", CREATED);
    }
    return obj;
  }

  /** The messages of {@code errors}, as a client sees them. */
  public static List<String> messages(List<FieldError> errors) {
    return errors.stream().map(FieldError::message).toList();
  }
}
