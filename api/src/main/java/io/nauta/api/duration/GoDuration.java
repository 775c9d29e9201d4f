package io.nauta.api.duration;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} text form, as Kubernetes flags and fields take durations: a
 * sequence of decimal numbers with units {@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s},
 * {@code m}, {@code h} ({@code 40s}, {@code 1h30m}, {@code 1.5s}, {@code 500ms}); a bare {@code 0}
 * is zero. Stateless.
 */
public final class GoDuration {
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /** The duration {@code text} names, or empty when it is not one. */
  public static Optional<Duration> tryParse(String text) {
    String s = text.strip();
    if (s.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher m = PART.matcher(s);
    long nanos = 0;
    int end = 0;
    while (end < s.length() && m.find(end) && m.start() == end) {
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos += Math.round(Double.parseDouble(m.group(1)) * unit);
      end = m.end();
    }
    return end == 0 || end != s.length() ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
  }

  /**
   * The duration {@code text} names.
   *
   * @throws IllegalArgumentException if it is not one, saying what is expected
   */
  public static Duration parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "invalid duration \"" + text + "\" (expected e.g. 40s, 5m0s, 1h30m, 500ms)"));
  }
}
