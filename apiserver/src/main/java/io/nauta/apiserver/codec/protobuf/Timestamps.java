package io.nauta.apiserver.codec.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.nauta.apiserver.status.ApiException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * meta/v1 Time and MicroTime ({@code seconds}, {@code nanos} since the Unix epoch) as Kubernetes
 * writes them in JSON. Stateless.
 *
 * <p>Go's zero time is sent as an empty message (and is {@code 0001-01-01T00:00:00Z}); its JSON is
 * null, as for {@code creationTimestamp} of an object not yet created. Time keeps whole seconds
 * only (Kubernetes drops the nanos on decode); MicroTime keeps microseconds. Go refuses to write
 * years outside 0000-9999, so do we.
 */
final class Timestamps {
  /** Unix seconds of Go's zero time, 0001-01-01T00:00:00Z. */
  static final long GO_ZERO_SECONDS = -62_135_596_800L;

  /** Unix seconds of 9999-12-31T23:59:59Z, the last instant RFC 3339 can write. */
  private static final long MAX_SECONDS = 253_402_300_799L;

  /** Unix seconds of 0000-01-01T00:00:00Z. */
  private static final long MIN_SECONDS = -62_167_219_200L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** A metav1.Time: RFC 3339 to the second in UTC, or null for the zero time. */
  static JsonNode time(Message m) {
    if (isEmpty(m)) {
      return NullNode.getInstance();
    }
    long seconds = WellKnownTypes.number(m, "seconds");
    if (seconds == GO_ZERO_SECONDS) {
      return NullNode.getInstance();
    }
    return TextNode.valueOf(SECONDS.format(instant(seconds, 0)));
  }

  /** A metav1.MicroTime: RFC 3339 with six fraction digits in UTC, or null for the zero time. */
  static JsonNode microTime(Message m) {
    if (isEmpty(m)) {
      return NullNode.getInstance();
    }
    long nanos = WellKnownTypes.number(m, "nanos");
    // Go's time.Unix normalizes nanos outside [0, 1e9) into the seconds
    long seconds =
        addSeconds(WellKnownTypes.number(m, "seconds"), Math.floorDiv(nanos, NANOS_PER_SECOND));
    long micros = Math.floorMod(nanos, NANOS_PER_SECOND) / 1_000 * 1_000;
    if (seconds == GO_ZERO_SECONDS && micros == 0) {
      return NullNode.getInstance();
    }
    return TextNode.valueOf(MICROS.format(instant(seconds, micros)));
  }

  private static boolean isEmpty(Message m) {
    for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
      if (m.hasField(f)) {
        return false;
      }
    }
    return true;
  }

  private static long addSeconds(long seconds, long more) {
    try {
      return Math.addExact(seconds, more);
    } catch (ArithmeticException e) {
      throw outOfRange(seconds);
    }
  }

  private static Instant instant(long seconds, long nanos) {
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      throw outOfRange(seconds);
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static ApiException outOfRange(long seconds) {
    return ApiException.badRequest(
        "the protobuf request body holds a time of "
            + seconds
            + " seconds since the epoch, outside the years 0000-9999");
  }
}
