package io.nauta.apiserver.resources.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.validation.FieldPath;
import java.util.regex.Pattern;

/** Values such as {@code maxUnavailable}: a non-negative integer or a percentage string. */
public final class IntOrPercent {
  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

  private IntOrPercent() {}

  /** True when {@code n} is absent, or an integer 0, or a percentage that is "0%". */
  public static boolean isZero(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return true;
    }
    if (n.isNumber()) {
      return n.asLong() == 0;
    }
    String s = n.asText();
    return PERCENT.matcher(s).matches() && Long.parseLong(s.substring(0, s.length() - 1)) == 0;
  }

  /**
   * Checks Kubernetes' rules: integers {@code >= 0}; strings a percentage ({@code "25%"}), never
   * above 100% when {@code capAt100}.
   */
  public static void check(ErrorList errs, FieldPath p, JsonNode n, boolean capAt100) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return;
    }
    if (n.isNumber()) {
      errs.nonNegative(p, n);
      return;
    }
    String s = n.asText();
    if (!PERCENT.matcher(s).matches()) {
      errs.invalid(
          p,
          s,
          "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
      return;
    }
    if (capAt100 && Long.parseLong(s.substring(0, s.length() - 1)) > 100) {
      errs.invalid(p, s, "must not be greater than 100%");
    }
  }
}
