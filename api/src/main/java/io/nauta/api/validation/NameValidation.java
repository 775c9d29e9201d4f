package io.nauta.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Name and label syntax checks. Each method returns the list of problems (empty when valid), worded
 * as Kubernetes words them so users recognise the message.
 */
public final class NameValidation {
  private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
  private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);
  private static final String DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_FMT);
  private static final String QNAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern QNAME = Pattern.compile(QNAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile("(" + QNAME_FMT + ")?");

  public static final int DNS1123_LABEL_MAX = 63;
  public static final int DNS1123_SUBDOMAIN_MAX = 253;

  private NameValidation() {}

  /** RFC 1123 subdomain: most object names. */
  public static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add("must be no more than " + DNS1123_SUBDOMAIN_MAX + " characters");
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
              + " or '.', and must start and end with an alphanumeric character (e.g."
              + " 'example.com', regex used for validation is '"
              + SUBDOMAIN_FMT
              + "')");
    }
    return errs;
  }

  /** RFC 1123 label: namespace names, container names, port names' base. */
  public static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add("must be no more than " + DNS1123_LABEL_MAX + " characters");
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      errs.add(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
              + " and must start and end with an alphanumeric character (e.g. 'my-name',  or"
              + " '123-abc', regex used for validation is '"
              + LABEL_FMT
              + "')");
    }
    return errs;
  }

  /** RFC 1035 label: service names. */
  public static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add("must be no more than " + DNS1123_LABEL_MAX + " characters");
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with"
              + " an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', "
              + " or 'abc-123', regex used for validation is '"
              + DNS1035_FMT
              + "')");
    }
    return errs;
  }

  /** A qualified name {@code [prefix/]name}: label and annotation keys, finalizers. */
  public static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        for (String e : dns1123Subdomain(prefix)) {
          errs.add("prefix part " + e);
        }
      }
    } else {
      errs.add(
          "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must"
              + " start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
              + " '123-abc', regex used for validation is '"
              + QNAME_FMT
              + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part must be no more than 63 characters");
    }
    if (!name.isEmpty() && !QNAME.matcher(name).matches()) {
      errs.add(
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and"
              + " end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc',"
              + " regex used for validation is '"
              + QNAME_FMT
              + "')");
    }
    return errs;
  }

  /** A label value: empty, or at most 63 characters of the qualified-name alphabet. */
  public static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add("must be no more than 63 characters");
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_'"
              + " or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', "
              + " or 'my_value',  or '12345', regex used for validation is '("
              + QNAME_FMT
              + ")?')");
    }
    return errs;
  }

  /**
   * A name that is used as one segment of a URL path (e.g. RBAC role names): it may not be {@code
   * .} or {@code ..} and may not contain {@code /} or {@code %}.
   */
  public static List<String> pathSegmentName(String value) {
    if (value.equals(".") || value.equals("..")) {
      return new ArrayList<>(List.of("may not be '" + value + "'"));
    }
    return pathSegmentPrefix(value);
  }

  /**
   * A prefix of a path segment name (a {@code generateName}): it may not contain {@code /} or
   * {@code %}; {@code .} and {@code ..} are allowed because a suffix will follow.
   */
  public static List<String> pathSegmentPrefix(String value) {
    List<String> errs = new ArrayList<>();
    for (String illegal : List.of("/", "%")) {
      if (value.contains(illegal)) {
        errs.add("may not contain '" + illegal + "'");
      }
    }
    return errs;
  }

  /**
   * Makes a {@code generateName} prefix checkable by a whole-name rule: a trailing {@code -} (which
   * is fine in a prefix because random characters follow) is masked with an alphanumeric character.
   * Reproduces Kubernetes' {@code maskTrailingDash}, which also drops the character before the
   * dash; only the validity of the result matters.
   */
  public static String maskTrailingDash(String prefix) {
    if (prefix.length() > 1 && prefix.endsWith("-")) {
      return prefix.substring(0, prefix.length() - 2) + "a";
    }
    return prefix;
  }
}
