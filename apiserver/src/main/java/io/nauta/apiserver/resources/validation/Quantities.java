package io.nauta.apiserver.resources.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.quantity.Quantity;
import io.nauta.api.validation.FieldPath;
import java.math.BigDecimal;
import java.util.Optional;

/** Resource quantities in API fields, parsed by {@link Quantity#parse}; never throws. */
public final class Quantities {
  /** The detail Kubernetes gives for a quantity it cannot parse. */
  public static final String SYNTAX_MESSAGE =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  private Quantities() {}

  /** The value of a quantity node (string or number), or empty when absent or unparseable. */
  public static Optional<BigDecimal> value(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    return value(n.asText());
  }

  /** The value of a quantity string, or empty when it does not parse. */
  public static Optional<BigDecimal> value(String s) {
    try {
      return Optional.of(Quantity.parse(s).amount());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks a quantity field and returns its value: "Invalid value" when it does not parse, and
   * "must be greater than or equal to 0" when negative.
   */
  public static Optional<BigDecimal> check(ErrorList errs, FieldPath p, JsonNode n) {
    Optional<BigDecimal> v = value(n);
    if (v.isEmpty()) {
      errs.invalid(p, n == null ? null : n.asText(), SYNTAX_MESSAGE);
    } else if (v.get().signum() < 0) {
      errs.invalid(p, n.asText(), "must be greater than or equal to 0");
    }
    return v;
  }
}
