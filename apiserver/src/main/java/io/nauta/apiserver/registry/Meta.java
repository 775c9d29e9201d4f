package io.nauta.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading and writing the {@code metadata} of an object tree. */
public final class Meta {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Meta() {}

  /** The object's metadata node, created if absent or not an object. */
  public static ObjectNode of(ObjectNode obj) {
    JsonNode m = obj.get("metadata");
    if (m instanceof ObjectNode o) {
      return o;
    }
    return obj.putObject("metadata");
  }

  public static String text(ObjectNode obj, String field) {
    JsonNode n = obj.path("metadata").get(field);
    return n == null || !n.isTextual() ? "" : n.asText();
  }

  public static String name(ObjectNode obj) {
    return text(obj, "name");
  }

  public static String namespace(ObjectNode obj) {
    return text(obj, "namespace");
  }

  public static String uid(ObjectNode obj) {
    return text(obj, "uid");
  }

  public static boolean deleting(ObjectNode obj) {
    return obj.path("metadata").hasNonNull("deletionTimestamp");
  }

  /** Labels as a map; empty when absent. Non-string values are rendered as text. */
  public static Map<String, String> labels(ObjectNode obj) {
    return stringMap(obj.path("metadata").path("labels"));
  }

  public static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    if (n.isObject()) {
      n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    }
    return m;
  }

  public static boolean hasFinalizers(ObjectNode obj) {
    JsonNode f = obj.path("metadata").path("finalizers");
    return f.isArray() && !f.isEmpty();
  }

  /** RFC 3339 at second precision, as Kubernetes' metav1.Time marshals. */
  public static String timestamp(Instant t) {
    return RFC3339.format(t.truncatedTo(ChronoUnit.SECONDS));
  }
}
