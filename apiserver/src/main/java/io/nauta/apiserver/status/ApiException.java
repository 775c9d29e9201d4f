package io.nauta.apiserver.status;

import io.nauta.api.validation.FieldError;
import java.util.List;

/**
 * The API server's unchecked exception: an HTTP code, a Kubernetes {@code StatusReason}, a message
 * and optional details, rendered to clients as a {@code Status}.
 */
public class ApiException extends RuntimeException {
  private final int code;
  private final String reason;
  private final Details details;

  /**
   * The {@code details} of a Status.
   *
   * @param name the object's name, or null
   * @param group the resource's group, or null
   * @param kind the resource's kind (or plural resource name, as Kubernetes does), or null
   * @param causes field-level causes
   * @param retryAfterSeconds a hint to retry, or 0
   */
  public record Details(
      String name, String group, String kind, List<FieldError> causes, int retryAfterSeconds) {}

  public ApiException(int code, String reason, String message, Details details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public Details details() {
    return details;
  }

  private static Details details(String group, String resource, String name) {
    return new Details(name, group, resource, List.of(), 0);
  }

  private static String qualified(String group, String resource) {
    return group == null || group.isEmpty() ? resource : resource + "." + group;
  }

  public static ApiException notFound(String group, String resource, String name) {
    return new ApiException(
        404,
        "NotFound",
        qualified(group, resource) + " \"" + name + "\" not found",
        details(group, resource, name));
  }

  public static ApiException alreadyExists(String group, String resource, String name) {
    return new ApiException(
        409,
        "AlreadyExists",
        qualified(group, resource) + " \"" + name + "\" already exists",
        details(group, resource, name));
  }

  public static ApiException conflict(String group, String resource, String name, String why) {
    return new ApiException(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + qualified(group, resource)
            + " \""
            + name
            + "\": "
            + why,
        details(group, resource, name));
  }

  /** 409 for a stale resourceVersion, worded as Kubernetes words it. */
  public static ApiException staleResourceVersion(String group, String resource, String name) {
    return conflict(
        group,
        resource,
        name,
        "the object has been modified; please apply your changes to the latest version and try"
            + " again");
  }

  /** 422 Invalid, e.g. {@code Pod "x" is invalid: spec.containers: Required value}. */
  public static ApiException invalid(
      String group, String kind, String name, List<FieldError> errors) {
    String joined =
        errors.size() == 1
            ? errors.get(0).message()
            : "[" + String.join(", ", errors.stream().map(FieldError::message).toList()) + "]";
    String qualifiedKind = group == null || group.isEmpty() ? kind : kind + "." + group;
    return new ApiException(
        422,
        "Invalid",
        qualifiedKind + " \"" + name + "\" is invalid: " + joined,
        new Details(name, group, kind, errors, 0));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "Unauthorized", null);
  }

  public static ApiException forbidden(String group, String resource, String name, String why) {
    return new ApiException(
        403,
        "Forbidden",
        qualified(group, resource)
            + (name == null || name.isEmpty() ? "" : " \"" + name + "\"")
            + " is forbidden: "
            + why,
        details(group, resource, name));
  }

  public static ApiException methodNotSupported(String resource, String method) {
    return new ApiException(
        405,
        "MethodNotAllowed",
        "the server does not allow this method on the requested resource",
        new Details(null, null, resource, List.of(), 0));
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json, application/yaml, application/vnd.kubernetes.protobuf (got \""
            + contentType
            + "\")",
        null);
  }

  public static ApiException notAcceptable(String accept) {
    return new ApiException(
        406,
        "NotAcceptable",
        "only the following media types are accepted: application/json, application/yaml (got \""
            + accept
            + "\")",
        null);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, "RequestEntityTooLarge", message, null);
  }

  public static ApiException gone(String message) {
    return new ApiException(410, "Expired", message, null);
  }

  public static ApiException timeout(String message, int retryAfterSeconds) {
    return new ApiException(
        504, "Timeout", message, new Details(null, null, null, List.of(), retryAfterSeconds));
  }

  public static ApiException internal(String message) {
    return new ApiException(500, "InternalError", message, null);
  }

  public static ApiException serviceUnavailable(String message) {
    return new ApiException(503, "ServiceUnavailable", message, null);
  }
}
