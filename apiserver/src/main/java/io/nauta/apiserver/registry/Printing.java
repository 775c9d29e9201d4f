package io.nauta.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Helpers for table cells, formatted the way kubectl users see them. */
public final class Printing {
  private Printing() {}

  public static String name(ObjectNode obj) {
    return obj.path("metadata").path("name").asText("");
  }

  /** The object's age, e.g. "5s", "3m2s", "4h", "2d3h", or "<unknown>". */
  public static String age(ObjectNode obj, Instant now) {
    return since(obj.path("metadata").path("creationTimestamp"), now);
  }

  /** Time since an RFC 3339 timestamp node, as {@link #humanDuration}; "<unknown>" if absent. */
  public static String since(JsonNode timestamp, Instant now) {
    if (timestamp == null || !timestamp.isTextual()) {
      return "<unknown>";
    }
    try {
      return humanDuration(Duration.between(Instant.parse(timestamp.asText()), now));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }

  /** Kubernetes' short human duration: "0s".."119s", "2m".."9m59s"... "2d", "3y". */
  public static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 0) {
      return "<invalid>";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 192) {
      long h = hours % 24;
      return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
    }
    long days = hours / 24;
    if (days < 365 * 2) {
      return days + "d";
    }
    if (days < 365 * 8) {
      long y = days / 365;
      long rd = days % 365;
      return rd == 0 ? y + "y" : y + "y" + rd + "d";
    }
    return (days / 365) + "y";
  }
}
