package io.nauta.apiserver.resources.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.quantity.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource quantities in validation: syntax is decided by {@link Quantity#parse}; the numeric value
 * used for comparisons (requests against limits, PVC growth) is computed here.
 */
public final class Quantities {
  /** The detail Kubernetes gives for a quantity it cannot parse. */
  public static final String SYNTAX_MESSAGE =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  private static final Pattern SHAPE =
      Pattern.compile("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$");
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  private Quantities() {}

  /** The value of a quantity node (string or number), or empty when it does not parse. */
  public static Optional<BigDecimal> value(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    return value(n.asText());
  }

  /** The value of a quantity string, or empty when it does not parse. */
  public static Optional<BigDecimal> value(String s) {
    try {
      Quantity.parse(s);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      BigDecimal number = new BigDecimal(m.group(1));
      String suffix = m.group(2);
      BigDecimal scale = SUFFIXES.get(suffix);
      if (scale != null) {
        return Optional.of(number.multiply(scale));
      }
      if (suffix.startsWith("e") || suffix.startsWith("E")) {
        return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
      }
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
    return Optional.empty();
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
