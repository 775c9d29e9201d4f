package io.nauta.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Small, total helpers over {@link JsonNode}. "Absent" means what Kubernetes' decoder treats as an
 * unset field: a missing field, a Java null, or a JSON {@code null}.
 *
 * <p>All methods are pure and thread-safe.
 */
public final class JsonNodes {
  private JsonNodes() {}

  /** True for a Java null, a {@code MissingNode} or a JSON {@code null}. */
  public static boolean isAbsent(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull();
  }

  /**
   * The child {@code name} of {@code parent}, or null when {@code parent} is not an object or the
   * child is absent (see {@link #isAbsent}).
   */
  public static JsonNode field(JsonNode parent, String name) {
    if (parent == null || !parent.isObject()) {
      return null;
    }
    JsonNode child = parent.get(name);
    return isAbsent(child) ? null : child;
  }

  /** The child {@code name} of {@code parent} when it is a JSON string; empty otherwise. */
  public static Optional<String> text(JsonNode parent, String name) {
    JsonNode child = field(parent, name);
    return child != null && child.isTextual() ? Optional.of(child.textValue()) : Optional.empty();
  }

  /**
   * The OpenAPI type name of a node, as Kubernetes prints it in schema errors: {@code string},
   * {@code integer}, {@code number}, {@code boolean}, {@code object}, {@code array} or {@code null}
   * (also for absent nodes).
   */
  public static String typeName(JsonNode node) {
    if (isAbsent(node)) {
      return "null";
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isIntegralNumber()) {
      return "integer";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "array";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
