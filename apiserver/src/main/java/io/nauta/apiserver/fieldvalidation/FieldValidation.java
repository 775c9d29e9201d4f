package io.nauta.apiserver.fieldvalidation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.protobuf.KindRegistry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.status.ApiException;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code fieldValidation} directive of a write: what to do about undeclared fields. */
public enum FieldValidation {
  /** Reject the request (400) naming every unknown field. */
  STRICT,
  /** Drop unknown fields and answer a warning for each. The default, as in Kubernetes. */
  WARN,
  /** Drop unknown fields silently. */
  IGNORE;

  /**
   * The directive of a request's {@code fieldValidation} parameter (null or empty: Warn).
   *
   * @throws ApiException 400 for any other value
   */
  public static FieldValidation parse(String param) {
    if (param == null || param.isEmpty()) {
      return WARN;
    }
    return switch (param) {
      case "Strict" -> STRICT;
      case "Warn" -> WARN;
      case "Ignore" -> IGNORE;
      default ->
          throw ApiException.badRequest(
              "fieldValidation: Unsupported value: \""
                  + param
                  + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
    };
  }

  /**
   * Drops the fields of {@code obj} (an object of {@code rt}) that its kind does not declare and
   * answers the warnings to send (empty under Strict and Ignore).
   *
   * @throws ApiException 400 when a value has the wrong JSON type (whatever the directive, as no
   *     decoder would accept it), or under Strict when there is any unknown field; {@code obj} is
   *     then left as it was
   */
  public List<String> check(ResourceType rt, ObjectNode obj) {
    var kind = KindRegistry.builtIn().find(rt.groupVersion(), rt.kind());
    if (kind.isEmpty()) {
      return List.of();
    }
    ObjectNode target = this == STRICT ? obj.deepCopy() : obj;
    UnknownFields.Findings findings = UnknownFields.prune(target, kind.get());
    if (findings.typeError() != null) {
      throw ApiException.badRequest(cannotHandle(rt) + findings.typeError());
    }
    List<String> unknown = findings.unknown();
    if (unknown.isEmpty() || this == IGNORE) {
      return List.of();
    }
    List<String> messages =
        unknown.stream().map(p -> "unknown field \"" + p + "\"").collect(Collectors.toList());
    if (this == STRICT) {
      throw ApiException.badRequest(
          cannotHandle(rt) + "strict decoding error: " + String.join(", ", messages));
    }
    return messages;
  }

  private static String cannotHandle(ResourceType rt) {
    return rt.kind()
        + " in version \""
        + rt.version()
        + "\" cannot be handled as a "
        + rt.kind()
        + ": ";
  }

  /** The value of a {@code Warning} response header carrying {@code warnings}. */
  public static String warningHeader(List<String> warnings) {
    return warnings.stream()
        .map(w -> "299 - \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", "));
  }
}
