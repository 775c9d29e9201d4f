package io.nauta.node.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One record of a CRI log file: {@code <timestamp> <stream> <tags> <content>}, where the tags are
 * {@code F} (full: the content ends a line) or {@code P} (partial: the next record continues it),
 * possibly followed by {@code :}-separated extra tags. The content excludes the record's newline.
 *
 * @param time when the runtime read the content
 * @param stream where the container wrote it
 * @param partial true when the line goes on in the next record
 * @param content the bytes written, without the line's newline
 */
public record CriLogLine(Instant time, Stream stream, boolean partial, byte[] content) {

  /** The container's output stream a record came from. */
  public enum Stream {
    STDOUT,
    STDERR
  }

  /**
   * Parses one record ({@code line[from, to)}, without its trailing newline); empty when it is not
   * in the CRI format (the reader skips such lines, as kubelets do).
   */
  public static Optional<CriLogLine> parse(byte[] line, int from, int to) {
    int s1 = indexOf(line, from, to, (byte) ' ');
    if (s1 < 0) {
      return Optional.empty();
    }
    int s2 = indexOf(line, s1 + 1, to, (byte) ' ');
    if (s2 < 0) {
      return Optional.empty();
    }
    int s3 = indexOf(line, s2 + 1, to, (byte) ' ');
    int tagsEnd = s3 < 0 ? to : s3;
    Instant time;
    try {
      time =
          OffsetDateTime.parse(new String(line, from, s1 - from, StandardCharsets.US_ASCII))
              .toInstant();
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    String streamName = new String(line, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
    Stream stream =
        switch (streamName) {
          case "stdout" -> Stream.STDOUT;
          case "stderr" -> Stream.STDERR;
          default -> null;
        };
    if (stream == null || tagsEnd == s2 + 1) {
      return Optional.empty();
    }
    String tags = new String(line, s2 + 1, tagsEnd - s2 - 1, StandardCharsets.US_ASCII);
    String first = tags.split(":", 2)[0];
    if (!first.equals("F") && !first.equals("P")) {
      return Optional.empty();
    }
    int contentFrom = s3 < 0 ? to : s3 + 1;
    byte[] content = new byte[to - contentFrom];
    System.arraycopy(line, contentFrom, content, 0, content.length);
    return Optional.of(new CriLogLine(time, stream, first.equals("P"), content));
  }

  /** Parses a whole record given as text (tests, tools). */
  public static Optional<CriLogLine> parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return parse(b, 0, b.length);
  }

  /**
   * A time as Go's RFC3339Nano prints it, the format {@code kubectl logs --timestamps} shows: UTC,
   * with as many fraction digits as needed (none for a whole second).
   */
  public static String formatTime(Instant t) {
    OffsetDateTime utc = t.atOffset(ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(35);
    b.append(
        String.format(
            "%04d-%02d-%02dT%02d:%02d:%02d",
            utc.getYear(),
            utc.getMonthValue(),
            utc.getDayOfMonth(),
            utc.getHour(),
            utc.getMinute(),
            utc.getSecond()));
    int nanos = utc.getNano();
    if (nanos != 0) {
      String digits = String.format("%09d", nanos);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      b.append('.').append(digits, 0, end);
    }
    return b.append('Z').toString();
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
