package io.nauta.controllers.cronjob;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A standard cron schedule as the CronJob controller reads it: five fields (minute, hour, day of
 * month, month, day of week) of lists, ranges, steps and month/day names, or a descriptor ({@code
 * @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code
 * @midnight}, {@code @hourly}, {@code @every <duration>}). When both day fields are restricted a day
 * matches either (the classic OR rule); a field starting with {@code *} or {@code ?} (without a
 * step above 1) is unrestricted. Times are wall-clock times of a zone: a time skipped by a daylight
 * saving jump does not occur, and one repeated occurs twice. Immutable.
 */
public final class CronSchedule {
  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
  private static final int[][] BOUNDS = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};

  /** Looking further ahead than this for a matching time gives up (e.g. 30 February). */
  private static final int HORIZON_YEARS = 5;

  private final long[] fields;
  private final boolean domStar;
  private final boolean dowStar;
  private final Duration every;

  private CronSchedule(long[] fields, boolean domStar, boolean dowStar, Duration every) {
    this.fields = fields;
    this.domStar = domStar;
    this.dowStar = dowStar;
    this.every = every;
  }

  /**
   * Parses {@code spec}.
   *
   * @throws IllegalArgumentException with the reason when it is not a schedule
   */
  public static CronSchedule parse(String spec) {
    String s = spec.strip();
    if (s.startsWith("@every ")) {
      Duration d =
          io.nauta.api.duration.GoDuration.tryParse(s.substring("@every ".length()).strip())
              .orElse(null);
      if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("failed to parse duration " + s);
      }
      return new CronSchedule(null, false, false, d.truncatedTo(ChronoUnit.SECONDS));
    }
    if (s.startsWith("@")) {
      String expanded = DESCRIPTORS.get(s.toLowerCase(Locale.ROOT));
      if (expanded == null) {
        throw new IllegalArgumentException("unrecognized descriptor: " + s);
      }
      s = expanded;
    }
    String[] parts = s.isEmpty() ? new String[0] : s.split("\\s+");
    if (parts.length != 5) {
      throw new IllegalArgumentException(
          "expected exactly 5 fields, found " + parts.length + ": " + s);
    }
    long[] fields = new long[5];
    boolean[] star = new boolean[5];
    for (int i = 0; i < 5; i++) {
      for (String part : parts[i].split(",", -1)) {
        fields[i] |= range(part, i, star);
      }
    }
    return new CronSchedule(fields, star[2], star[4], null);
  }

  /**
   * The bits of one comma-separated part ({@code *}, {@code a}, {@code a-b}, with {@code /step}).
   */
  private static long range(String expr, int field, boolean[] star) {
    int min = BOUNDS[field][0];
    int max = BOUNDS[field][1];
    String[] stepParts = expr.split("/", -1);
    if (stepParts.length > 2) {
      throw new IllegalArgumentException("too many slashes: " + expr);
    }
    String[] bounds = stepParts[0].split("-", -1);
    if (bounds.length > 2) {
      throw new IllegalArgumentException("too many hyphens: " + expr);
    }
    int start;
    int end;
    boolean all = bounds[0].equals("*") || bounds[0].equals("?");
    if (all) {
      start = min;
      end = max;
    } else {
      start = number(bounds[0], field);
      end = bounds.length == 2 ? number(bounds[1], field) : start;
    }
    int step = 1;
    if (stepParts.length == 2) {
      step = number(stepParts[1], -1);
      if (step <= 0) {
        throw new IllegalArgumentException("step of range should be a positive number: " + expr);
      }
      if (!all && bounds.length == 1) {
        end = max; // "N/step" means "N-max/step"
      }
    }
    if (start < min || end > max || start > end) {
      throw new IllegalArgumentException("range out of bounds [" + min + "," + max + "]: " + expr);
    }
    if (all && step == 1) {
      star[field] = true;
    }
    long bits = 0;
    for (int v = start; v <= end; v += step) {
      bits |= 1L << v;
    }
    return bits;
  }

  private static int number(String s, int field) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (field == 3 && MONTHS.contains(lower)) {
      return MONTHS.indexOf(lower) + 1;
    }
    if (field == 4 && DAYS.contains(lower)) {
      return DAYS.indexOf(lower);
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("failed to parse int from " + s);
    }
  }

  /**
   * The first schedule time strictly after {@code after}, on the wall clock of {@code zone}; null
   * when none comes within five years.
   */
  public Instant next(Instant after, ZoneId zone) {
    if (every != null) {
      return after.truncatedTo(ChronoUnit.SECONDS).plus(every);
    }
    ZonedDateTime t =
        ZonedDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime limit = t.plusYears(HORIZON_YEARS);
    while (t.isBefore(limit)) {
      if (!has(3, t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone);
      } else if (!dayMatches(t)) {
        t = t.toLocalDate().plusDays(1).atStartOfDay(zone);
      } else if (!has(1, t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!has(0, t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t.toInstant();
      }
    }
    return null;
  }

  private boolean has(int field, int value) {
    return (fields[field] & (1L << value)) != 0;
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = has(2, t.getDayOfMonth());
    boolean dow = has(4, t.getDayOfWeek().getValue() % 7);
    return domStar || dowStar ? dom && dow : dom || dow;
  }
}
