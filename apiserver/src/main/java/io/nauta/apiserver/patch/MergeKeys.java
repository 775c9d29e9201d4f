package io.nauta.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategic-merge metadata of the built-in types: which list fields merge element by element,
 * and by which key. Fields not listed are replaced whole, as Kubernetes does for lists without a
 * patch strategy. Stateless.
 *
 * <p>The patch engine and the OpenAPI schemas both read this table, so what {@code kubectl apply}
 * learns from the schemas is what the server does.
 */
public final class MergeKeys {
  /**
   * Candidate merge keys by list field name, most specific first. {@code ports} merges by {@code
   * containerPort} in containers and by {@code port} in services.
   */
  private static final Map<String, List<String>> BY_FIELD =
      Map.ofEntries(
          Map.entry("containers", List.of("name")),
          Map.entry("initContainers", List.of("name")),
          Map.entry("ephemeralContainers", List.of("name")),
          Map.entry("volumes", List.of("name")),
          Map.entry("env", List.of("name")),
          Map.entry("ports", List.of("containerPort", "port")),
          Map.entry("volumeMounts", List.of("mountPath")),
          Map.entry("volumeDevices", List.of("devicePath")),
          Map.entry("imagePullSecrets", List.of("name")),
          Map.entry("hostAliases", List.of("ip")),
          Map.entry("conditions", List.of("type")),
          Map.entry("ownerReferences", List.of("uid")),
          Map.entry("topologySpreadConstraints", List.of("topologyKey")),
          Map.entry("resourceClaims", List.of("name")),
          Map.entry("schedulingGates", List.of("name")),
          Map.entry("resizePolicy", List.of("resourceName")),
          Map.entry("secrets", List.of("name")));

  /** Primitive lists merged as sets. */
  private static final Set<String> PRIMITIVE_MERGE = Set.of("finalizers");

  private MergeKeys() {}

  /**
   * The keys a list field named {@code field} may merge by, most specific first; empty when such a
   * list is replaced whole. The key that applies is the first one the list's elements carry.
   */
  public static List<String> candidates(String field) {
    return BY_FIELD.getOrDefault(field, List.of());
  }

  /** True if a primitive list named {@code field} merges as a set instead of being replaced. */
  public static boolean mergesPrimitives(String field) {
    return PRIMITIVE_MERGE.contains(field);
  }

  /**
   * The merge key of a list field given the two lists being merged, or null when the list is
   * replaced whole: the first candidate some element carries, else the last candidate.
   */
  public static String of(String field, JsonNode original, JsonNode patch) {
    List<String> keys = candidates(field);
    if (keys.isEmpty()) {
      return null;
    }
    for (String key : keys.subList(0, keys.size() - 1)) {
      if (hasKey(original, key) || hasKey(patch, key)) {
        return key;
      }
    }
    return keys.getLast();
  }

  private static boolean hasKey(JsonNode list, String key) {
    if (list != null && list.isArray()) {
      for (JsonNode n : list) {
        if (n.has(key)) {
          return true;
        }
      }
    }
    return false;
  }
}
