package io.nauta.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.json.JsonNodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;

/**
 * Reads typed fields of a JSON object received from a client, recording a {@link FieldError} for
 * every field whose JSON type is wrong instead of throwing, so one pass reports every problem.
 *
 * <p>Absent fields (missing or JSON {@code null}) are never errors: they read as empty, like unset
 * fields in Kubernetes' Go types. JSON {@code null} entries inside string maps and string lists
 * read as the empty string, as Go's decoder makes them. A type error is reported as {@code <path>:
 * Invalid value: "<json type>": must be of type <type>}.
 *
 * <p>Not thread-safe: one reader per validation pass.
 */
public final class FieldReader {
  private final List<FieldError> errors;

  /** A reader that appends the problems it finds to {@code errors}. */
  public FieldReader(List<FieldError> errors) {
    this.errors = errors;
  }

  /** The problems recorded so far (the list given to the constructor). */
  public List<FieldError> errors() {
    return errors;
  }

  /** The string field {@code name}; empty when absent or of another type (then recorded). */
  public Optional<String> string(JsonNode parent, String name, FieldPath path) {
    JsonNode n = JsonNodes.field(parent, name);
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      wrongType(n, "string", path);
      return Optional.empty();
    }
    return Optional.of(n.textValue());
  }

  /** The string field {@code name}, or {@code ""} when absent or of another type. */
  public String stringOrEmpty(JsonNode parent, String name, FieldPath path) {
    return string(parent, name, path).orElse("");
  }

  /** The 64-bit integer field {@code name}; empty when absent or not an int64 (then recorded). */
  public Optional<Long> integer(JsonNode parent, String name, FieldPath path) {
    JsonNode n = JsonNodes.field(parent, name);
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isIntegralNumber()) {
      wrongType(n, "integer", path);
      return Optional.empty();
    }
    if (!n.canConvertToLong()) {
      errors.add(FieldError.invalid(path.toString(), n.asText(), "must fit in a 64-bit integer"));
      return Optional.empty();
    }
    return Optional.of(n.longValue());
  }

  /** The boolean field {@code name}; empty when absent or of another type (then recorded). */
  public Optional<Boolean> bool(JsonNode parent, String name, FieldPath path) {
    JsonNode n = JsonNodes.field(parent, name);
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isBoolean()) {
      wrongType(n, "boolean", path);
      return Optional.empty();
    }
    return Optional.of(n.booleanValue());
  }

  /** The object field {@code name}; empty when absent or of another type (then recorded). */
  public Optional<JsonNode> object(JsonNode parent, String name, FieldPath path) {
    return ofType(JsonNodes.field(parent, name), "object", path);
  }

  /** The array field {@code name}; empty when absent or of another type (then recorded). */
  public Optional<JsonNode> array(JsonNode parent, String name, FieldPath path) {
    return ofType(JsonNodes.field(parent, name), "array", path);
  }

  /**
   * {@code node} itself when it is of the JSON type {@code type} ({@code object} or {@code array});
   * empty when absent or of another type (then recorded at {@code path}).
   */
  public Optional<JsonNode> ofType(JsonNode node, String type, FieldPath path) {
    if (JsonNodes.isAbsent(node)) {
      return Optional.empty();
    }
    boolean ok = "object".equals(type) ? node.isObject() : node.isArray();
    if (!ok) {
      wrongType(node, type, path);
      return Optional.empty();
    }
    return Optional.of(node);
  }

  /**
   * The map-of-strings field {@code name} in document order; empty when absent. A non-object is
   * recorded and reads as empty; a non-string entry is recorded at {@code path[key]} and skipped.
   */
  public Map<String, String> stringMap(JsonNode parent, String name, FieldPath path) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<JsonNode> obj = object(parent, name, path);
    if (obj.isEmpty()) {
      return out;
    }
    for (Entry<String, JsonNode> e : obj.get().properties()) {
      JsonNode v = e.getValue();
      if (JsonNodes.isAbsent(v)) {
        out.put(e.getKey(), "");
      } else if (v.isTextual()) {
        out.put(e.getKey(), v.textValue());
      } else {
        wrongType(v, "string", path.key(e.getKey()));
      }
    }
    return out;
  }

  /**
   * The list-of-strings field {@code name}; empty when absent. A non-array is recorded and reads as
   * empty; a non-string element is recorded at {@code path[i]} and skipped.
   */
  public List<String> stringList(JsonNode parent, String name, FieldPath path) {
    List<String> out = new ArrayList<>();
    Optional<JsonNode> arr = array(parent, name, path);
    if (arr.isEmpty()) {
      return out;
    }
    for (int i = 0; i < arr.get().size(); i++) {
      JsonNode v = arr.get().get(i);
      if (JsonNodes.isAbsent(v)) {
        out.add("");
      } else if (v.isTextual()) {
        out.add(v.textValue());
      } else {
        wrongType(v, "string", path.index(i));
      }
    }
    return out;
  }

  private void wrongType(JsonNode node, String expected, FieldPath path) {
    errors.add(
        FieldError.invalid(
            path.toString(), JsonNodes.typeName(node), "must be of type " + expected));
  }
}
