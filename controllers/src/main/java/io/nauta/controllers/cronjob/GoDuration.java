package io.nauta.controllers.cronjob;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as Go writes them ({@code 1h30m}, {@code 90s}, {@code 1.5h}). */
final class GoDuration {
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /** The duration {@code s} names, or null when it is not one. */
  static Duration parse(String s) {
    Matcher m = PART.matcher(s);
    long nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos += (long) (Double.parseDouble(m.group(1)) * unit);
      end = m.end();
    }
    return end == 0 || end != s.length() ? null : Duration.ofNanos(nanos);
  }
}
