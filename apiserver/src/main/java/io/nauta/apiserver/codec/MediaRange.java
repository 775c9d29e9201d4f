package io.nauta.apiserver.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of an Accept header, e.g. {@code application/json;as=Table;v=v1;g=meta.k8s.io}.
 *
 * @param type media type, lower-case
 * @param params parameters (keys lower-case)
 */
public record MediaRange(String type, Map<String, String> params) {

  /** Parses an Accept header into ranges in the order given; absent header means any JSON. */
  public static List<MediaRange> parseAccept(String accept) {
    List<MediaRange> out = new ArrayList<>();
    if (accept == null || accept.isBlank()) {
      out.add(new MediaRange("application/json", Map.of()));
      return out;
    }
    for (String part : accept.split(",")) {
      String[] bits = part.split(";");
      String type = bits[0].strip().toLowerCase(Locale.ROOT);
      if (type.isEmpty()) {
        continue;
      }
      Map<String, String> params = new HashMap<>();
      for (int i = 1; i < bits.length; i++) {
        int eq = bits[i].indexOf('=');
        if (eq > 0) {
          params.put(
              bits[i].substring(0, eq).strip().toLowerCase(Locale.ROOT),
              bits[i].substring(eq + 1).strip());
        }
      }
      out.add(new MediaRange(type, params));
    }
    return out;
  }

  public String param(String name) {
    return params.get(name);
  }

  /** True for JSON or a wildcard this server answers with JSON. */
  public boolean acceptsJson() {
    return type.equals("application/json") || type.equals("*/*") || type.equals("application/*");
  }

  public boolean isYaml() {
    return type.equals("application/yaml");
  }

  /** True if this range asks for a conversion ({@code as=...}). */
  public boolean hasAs() {
    return params.containsKey("as");
  }

  public boolean isAs(String as, String group, String... versions) {
    if (!as.equals(params.get("as")) || !group.equals(params.get("g"))) {
      return false;
    }
    String v = params.get("v");
    for (String want : versions) {
      if (want.equals(v)) {
        return true;
      }
    }
    return false;
  }
}
