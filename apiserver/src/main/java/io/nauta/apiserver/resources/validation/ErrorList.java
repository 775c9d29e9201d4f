package io.nauta.apiserver.resources.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.api.validation.NameValidation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Collects {@link FieldError}s the way Kubernetes' {@code field.ErrorList} does, with helpers for
 * the checks every kind repeats. Not thread-safe; one list per validation call.
 */
public final class ErrorList {
  private final List<FieldError> errors = new ArrayList<>();

  public ErrorList add(FieldError e) {
    errors.add(e);
    return this;
  }

  public ErrorList addAll(Collection<FieldError> es) {
    errors.addAll(es);
    return this;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public int size() {
    return errors.size();
  }

  /** An immutable snapshot of the errors collected so far. */
  public List<FieldError> toList() {
    return List.copyOf(errors);
  }

  public void required(FieldPath p, String detail) {
    add(FieldError.required(p.value(), detail));
  }

  public void invalid(FieldPath p, Object value, String detail) {
    add(FieldError.invalid(p.value(), value, detail));
  }

  public void notSupported(FieldPath p, Object value, String... supported) {
    add(FieldError.notSupported(p.value(), value, Arrays.asList(supported)));
  }

  public void forbidden(FieldPath p, String detail) {
    add(FieldError.forbidden(p.value(), detail));
  }

  public void duplicate(FieldPath p, Object value) {
    add(FieldError.duplicate(p.value(), value));
  }

  public void tooLong(FieldPath p, int max) {
    add(FieldError.tooLong(p.value(), max));
  }

  /** Reports "Unsupported value" unless {@code value} is one of {@code supported}. */
  public void oneOf(FieldPath p, String value, String... supported) {
    if (!Arrays.asList(supported).contains(value)) {
      notSupported(p, value, supported);
    }
  }

  public void dns1123Label(FieldPath p, String value) {
    NameValidation.dns1123Label(value).forEach(m -> invalid(p, value, m));
  }

  public void dns1123Subdomain(FieldPath p, String value) {
    NameValidation.dns1123Subdomain(value).forEach(m -> invalid(p, value, m));
  }

  public void dns1035Label(FieldPath p, String value) {
    NameValidation.dns1035Label(value).forEach(m -> invalid(p, value, m));
  }

  public void qualifiedName(FieldPath p, String value) {
    NameValidation.qualifiedName(value).forEach(m -> invalid(p, value, m));
  }

  /** Label keys must be qualified names and values label values; errors name {@code p} itself. */
  public void labels(FieldPath p, Map<String, String> labels) {
    labels.forEach(
        (k, v) -> {
          qualifiedName(p, k);
          NameValidation.labelValue(v).forEach(m -> invalid(p, v, m));
        });
  }

  /** An integer field, if present, must be {@code >= 0}. */
  public void nonNegative(FieldPath p, JsonNode n) {
    if (n != null && n.isNumber() && n.asLong() < 0) {
      invalid(p, n.asLong(), "must be greater than or equal to 0");
    }
  }

  /** An integer field, if present, must be {@code > 0}. */
  public void positive(FieldPath p, JsonNode n) {
    if (n != null && n.isNumber() && n.asLong() <= 0) {
      invalid(p, n.asLong(), "must be greater than 0");
    }
  }

  /** A port number, if present, must be in 1..65535. */
  public void portNumber(FieldPath p, JsonNode n) {
    if (n != null && !n.isMissingNode() && !n.isNull()) {
      long v = n.asLong();
      if (!n.isIntegralNumber() || v < 1 || v > 65535) {
        invalid(p, n.isIntegralNumber() ? v : n.asText(), Ports.RANGE_MESSAGE);
      }
    }
  }

  /** A port number that must be present; absent reads as 0, which is out of range. */
  public void portNumberRequired(FieldPath p, JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      invalid(p, 0L, Ports.RANGE_MESSAGE);
    } else {
      portNumber(p, n);
    }
  }

  /** A field that must be present and a non-empty string. */
  public boolean requiredText(FieldPath p, JsonNode n) {
    if (n == null || !n.isValueNode() || n.isNull() || n.asText().isEmpty()) {
      required(p, "");
      return false;
    }
    return true;
  }
}
