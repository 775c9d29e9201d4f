package io.nauta.apiserver.resources.validation;

import io.nauta.api.validation.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Port number and IANA service name checks (container ports, service ports, probes). */
public final class Ports {
  static final String RANGE_MESSAGE = "must be between 1 and 65535, inclusive";
  private static final Pattern NAME_CHARS = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

  private Ports() {}

  /** Problems with {@code name} as an IANA_SVC_NAME; empty when valid. */
  public static List<String> nameErrors(String name) {
    List<String> errs = new ArrayList<>();
    if (name.length() > 15) {
      errs.add("must be no more than 15 characters");
    }
    if (!NAME_CHARS.matcher(name).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (name.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!name.isEmpty() && !HAS_LETTER.matcher(name).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (name.startsWith("-") || name.endsWith("-")) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  /** Reports every problem with a port name. */
  public static void name(ErrorList errs, FieldPath p, String name) {
    nameErrors(name).forEach(m -> errs.invalid(p, name, m));
  }

  /** A port number or name ({@code targetPort}, probe ports): numbers 1..65535 or a valid name. */
  public static void numberOrName(
      ErrorList errs, FieldPath p, com.fasterxml.jackson.databind.JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return;
    }
    if (n.isNumber()) {
      errs.portNumber(p, n);
    } else {
      name(errs, p, n.asText());
    }
  }
}
