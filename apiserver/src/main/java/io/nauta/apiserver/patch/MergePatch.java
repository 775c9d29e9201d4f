package io.nauta.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 7386 JSON merge patch: objects merge recursively, null deletes, anything else replaces. */
public final class MergePatch {
  private MergePatch() {}

  /** Returns the patched document; {@code target} is not modified. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : ((ObjectNode) patch).objectNode();
    patch
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isNull()) {
                result.remove(e.getKey());
              } else {
                result.set(e.getKey(), apply(result.get(e.getKey()), e.getValue()));
              }
            });
    return result;
  }
}
