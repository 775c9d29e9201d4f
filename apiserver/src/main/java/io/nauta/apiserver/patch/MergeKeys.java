package io.nauta.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * The strategic-merge metadata of the built-in types: which list fields merge element by element,
 * and by which key. Fields not listed are replaced whole, as Kubernetes does for lists without a
 * patch strategy.
 */
public final class MergeKeys {
  private static final Map<String, String> BY_FIELD =
      Map.ofEntries(
          Map.entry("containers", "name"),
          Map.entry("initContainers", "name"),
          Map.entry("ephemeralContainers", "name"),
          Map.entry("volumes", "name"),
          Map.entry("env", "name"),
          Map.entry("volumeMounts", "mountPath"),
          Map.entry("volumeDevices", "devicePath"),
          Map.entry("imagePullSecrets", "name"),
          Map.entry("hostAliases", "ip"),
          Map.entry("conditions", "type"),
          Map.entry("ownerReferences", "uid"),
          Map.entry("topologySpreadConstraints", "topologyKey"),
          Map.entry("resourceClaims", "name"),
          Map.entry("schedulingGates", "name"),
          Map.entry("resizePolicy", "resourceName"),
          Map.entry("secrets", "name"));

  /** Primitive lists merged as sets. */
  private static final Set<String> PRIMITIVE_MERGE = Set.of("finalizers");

  private MergeKeys() {}

  /**
   * The merge key of a list field, or null when the list is replaced whole. {@code ports} merges by
   * {@code containerPort} in containers and by {@code port} in services.
   */
  public static String of(String field, JsonNode original, JsonNode patch) {
    if (field.equals("ports")) {
      return hasKey(original, "containerPort") || hasKey(patch, "containerPort")
          ? "containerPort"
          : "port";
    }
    return BY_FIELD.get(field);
  }

  public static boolean mergesPrimitives(String field) {
    return PRIMITIVE_MERGE.contains(field);
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
