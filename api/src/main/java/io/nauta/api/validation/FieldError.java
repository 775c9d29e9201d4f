package io.nauta.api.validation;

/**
 * One invalid field, as reported in a Kubernetes {@code Status}'s {@code details.causes}.
 *
 * @param type the kind of problem
 * @param field the JSON path of the field, e.g. {@code spec.containers[0].image}
 * @param value the offending value as text, or null
 * @param detail a human readable explanation, or empty
 */
public record FieldError(Type type, String field, String value, String detail) {

  /** The reason codes Kubernetes uses in {@code StatusCause.reason}. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    /** A server-side apply that would change a field another manager owns; detail says who. */
    FIELD_MANAGER_CONFLICT("FieldManagerConflict", "");

    private final String reason;
    private final String summary;

    Type(String reason, String summary) {
      this.reason = reason;
      this.summary = summary;
    }

    /** The {@code StatusCause.reason} string. */
    public String reason() {
      return reason;
    }

    /** The phrase used in messages, e.g. "Invalid value". */
    public String summary() {
      return summary;
    }
  }

  /** A missing value ("Required value"); {@code detail} may be empty. */
  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  /** A value that breaks a rule ("Invalid value"); {@code value} is shown quoted, null omits it. */
  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(
        Type.INVALID, field, value == null ? null : String.valueOf(value), detail);
  }

  /** A value that must be unique and is not ("Duplicate value"). */
  public static FieldError duplicate(String field, Object value) {
    return new FieldError(Type.DUPLICATE, field, String.valueOf(value), "");
  }

  /** A value outside a closed set ("Unsupported value"), listing the {@code valid} ones. */
  public static FieldError notSupported(
      String field, Object value, java.util.Collection<String> valid) {
    String detail =
        "supported values: " + String.join(", ", valid.stream().map(v -> "\"" + v + "\"").toList());
    return new FieldError(Type.NOT_SUPPORTED, field, String.valueOf(value), detail);
  }

  /** A field that may not be set here ("Forbidden"). */
  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  /** A value longer than {@code max} bytes, worded as Kubernetes' {@code field.TooLong}. */
  public static FieldError tooLong(String field, int max) {
    return new FieldError(Type.TOO_LONG, field, null, "must have at most " + max + " bytes");
  }

  /**
   * The errors as one line, as Kubernetes prints an aggregate error: the single message alone, or
   * all messages in brackets separated by {@code ", "}. Empty for an empty list.
   */
  public static String summarize(java.util.List<FieldError> errors) {
    if (errors.size() == 1) {
      return errors.get(0).message();
    }
    return errors.isEmpty()
        ? ""
        : "[" + String.join(", ", errors.stream().map(FieldError::message).toList()) + "]";
  }

  /**
   * The message Kubernetes prints for this error, e.g. {@code metadata.name: Invalid value: "Foo":
   * a lowercase RFC 1123 subdomain must ...}. An empty field (a value validated on its own) leaves
   * out the {@code "field: "} prefix.
   */
  public String message() {
    return field.isEmpty() ? body() : field + ": " + body();
  }

  /**
   * The message without the field, e.g. {@code Invalid value: "Foo": a lowercase ...}: what
   * Kubernetes puts in {@code StatusCause.message} (clients print {@code field: body}).
   */
  public String body() {
    StringBuilder b = new StringBuilder(type.summary());
    if (value != null && type != Type.REQUIRED && type != Type.FORBIDDEN) {
      b.append(": \"").append(value).append('"');
    }
    if (detail != null && !detail.isEmpty()) {
      b.append(b.isEmpty() ? "" : ": ").append(detail);
    }
    return b.toString();
  }
}
