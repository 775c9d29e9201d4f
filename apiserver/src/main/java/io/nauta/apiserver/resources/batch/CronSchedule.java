package io.nauta.apiserver.resources.batch;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax of standard cron schedules (five fields, or a descriptor such as {@code @hourly}), as the
 * CronJob controller's parser accepts them; {@link #error} words problems the way it does.
 */
final class CronSchedule {
  private static final List<String> DESCRIPTORS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final int[][] BOUNDS = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
  private static final Pattern EVERY =
      Pattern.compile("@every ([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");

  private CronSchedule() {}

  /** The parse error for {@code schedule}, or empty when it is a valid standard schedule. */
  static Optional<String> error(String schedule) {
    String s = schedule.strip();
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int space = s.indexOf(' ');
      if (space < 0) {
        return Optional.of("missing spec");
      }
      s = s.substring(space).strip();
    }
    if (s.startsWith("@")) {
      if (DESCRIPTORS.contains(s) || EVERY.matcher(s).matches()) {
        return Optional.empty();
      }
      return Optional.of("unrecognized descriptor: " + s);
    }
    String[] fields = s.isEmpty() ? new String[0] : s.split("\\s+");
    if (fields.length != 5) {
      return Optional.of(
          "expected exactly 5 fields, found "
              + fields.length
              + ": ["
              + String.join(" ", fields)
              + "]");
    }
    for (int i = 0; i < 5; i++) {
      for (String part : fields[i].split(",", -1)) {
        Optional<String> e = range(part, i);
        if (e.isPresent()) {
          return e;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> range(String expr, int field) {
    int min = BOUNDS[field][0];
    int max = BOUNDS[field][1];
    String[] stepParts = expr.split("/", -1);
    if (stepParts.length > 2) {
      return Optional.of("too many slashes: " + expr);
    }
    String[] bounds = stepParts[0].split("-", -1);
    if (bounds.length > 2) {
      return Optional.of("too many hyphens: " + expr);
    }
    int start;
    int end;
    if (bounds[0].equals("*") || bounds[0].equals("?")) {
      start = min;
      end = max;
    } else {
      Optional<Integer> a = number(bounds[0], field);
      if (a.isEmpty()) {
        return Optional.of(parseError(bounds[0]));
      }
      start = a.get();
      end = start;
      if (bounds.length == 2) {
        Optional<Integer> b = number(bounds[1], field);
        if (b.isEmpty()) {
          return Optional.of(parseError(bounds[1]));
        }
        end = b.get();
      }
    }
    if (stepParts.length == 2) {
      try {
        if (Integer.parseInt(stepParts[1]) <= 0) {
          return Optional.of("step of range should be a positive number: " + expr);
        }
      } catch (NumberFormatException e) {
        return Optional.of(parseError(stepParts[1]));
      }
    }
    if (start < min) {
      return Optional.of("beginning of range (" + start + ") below minimum (" + min + "): " + expr);
    }
    if (end > max) {
      return Optional.of("end of range (" + end + ") above maximum (" + max + "): " + expr);
    }
    if (start > end) {
      return Optional.of(
          "beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
    }
    return Optional.empty();
  }

  private static Optional<Integer> number(String s, int field) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (field == 3 && MONTHS.contains(lower)) {
      return Optional.of(MONTHS.indexOf(lower) + 1);
    }
    if (field == 4 && DAYS.contains(lower)) {
      return Optional.of(DAYS.indexOf(lower));
    }
    try {
      int v = Integer.parseInt(s);
      return v < 0 ? Optional.empty() : Optional.of(v);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String parseError(String s) {
    return "failed to parse int from "
        + s
        + ": strconv.Atoi: parsing \""
        + s
        + "\": invalid syntax";
  }
}
