package io.nauta.apiserver.codec.protobuf;

/**
 * Formats nanoseconds as Go's {@code time.Duration.String()} does, the JSON form of
 * metav1.Duration: {@code "1h2m3.5s"}, {@code "5m0s"}, {@code "1.5ms"}, {@code "0s"}. Stateless.
 */
final class GoDuration {
  private static final long MICROSECOND = 1_000L;
  private static final long MILLISECOND = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private GoDuration() {}

  /**
   * The Go string of {@code nanos}. Below a second the largest whole unit (ns, µs, ms) is used with
   * a fraction; from a second on, hours and minutes are written when non-zero and seconds always,
   * with a fraction without trailing zeros.
   */
  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    // the magnitude as an unsigned value, so Long.MIN_VALUE stays exact
    long u = nanos < 0 ? -nanos : nanos;
    StringBuilder out = new StringBuilder(24);
    if (nanos < 0) {
      out.append('-');
    }
    if (Long.compareUnsigned(u, SECOND) < 0) {
      if (u < MICROSECOND) {
        return out.append(u).append("ns").toString();
      }
      long unit = u < MILLISECOND ? MICROSECOND : MILLISECOND;
      appendDecimal(out, u, unit);
      return out.append(u < MILLISECOND ? "µs" : "ms").toString();
    }
    long seconds = Long.divideUnsigned(u, SECOND);
    long fraction = Long.remainderUnsigned(u, SECOND);
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    out.append(seconds % 60);
    appendFraction(out, fraction, SECOND);
    return out.append('s').toString();
  }

  /** {@code value / unit} with its fraction, e.g. 1500000 / 1000000 as "1.5". */
  private static void appendDecimal(StringBuilder out, long value, long unit) {
    out.append(value / unit);
    appendFraction(out, value % unit, unit);
  }

  /** ".xyz" for {@code fraction / unit} without trailing zeros; nothing when zero. */
  private static void appendFraction(StringBuilder out, long fraction, long unit) {
    if (fraction == 0) {
      return;
    }
    String digits = Long.toString(unit + fraction).substring(1);
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    out.append('.').append(digits, 0, end);
  }
}
