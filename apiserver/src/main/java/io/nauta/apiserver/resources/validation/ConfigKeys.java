package io.nauta.apiserver.resources.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Keys of ConfigMap and Secret data: {@code [-._a-zA-Z0-9]+}, at most 253 characters. */
public final class ConfigKeys {
  /** Kubernetes' limit on the total size of a Secret's or ConfigMap's data. */
  public static final int MAX_TOTAL_BYTES = 1024 * 1024;

  private static final String FMT = "[-._a-zA-Z0-9]+";
  private static final Pattern KEY = Pattern.compile(FMT);

  private ConfigKeys() {}

  /** Problems with {@code key}; empty when valid. */
  public static List<String> errors(String key) {
    List<String> errs = new ArrayList<>();
    if (key.length() > 253) {
      errs.add("must be no more than 253 characters");
    }
    if (!KEY.matcher(key).matches()) {
      errs.add(
          "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
              + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '"
              + FMT
              + "')");
    }
    if (key.equals(".")) {
      errs.add("must not be '.'");
    } else if (key.equals("..")) {
      errs.add("must not be '..'");
    } else if (key.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }
}
