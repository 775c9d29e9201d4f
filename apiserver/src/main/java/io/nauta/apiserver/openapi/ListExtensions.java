package io.nauta.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.nauta.apiserver.patch.MergeKeys;

/**
 * The list extensions of an array schema, taken from the strategic merge patch engine's table so
 * that clients computing patches from the schemas ({@code kubectl apply}) and the server agree on
 * how a list merges. Stateless.
 *
 * <ul>
 *   <li>a list of objects the engine merges by key: {@code x-kubernetes-patch-strategy: merge},
 *       {@code x-kubernetes-patch-merge-key}, {@code x-kubernetes-list-type: map} and {@code
 *       x-kubernetes-list-map-keys}
 *   <li>a primitive list merged as a set ({@code finalizers}): patch strategy merge, list type set
 *   <li>any other list is replaced whole: {@code x-kubernetes-list-type: atomic}
 * </ul>
 */
final class ListExtensions {
  static final String PATCH_STRATEGY = "x-kubernetes-patch-strategy";
  static final String PATCH_MERGE_KEY = "x-kubernetes-patch-merge-key";
  static final String LIST_TYPE = "x-kubernetes-list-type";
  static final String LIST_MAP_KEYS = "x-kubernetes-list-map-keys";

  private ListExtensions() {}

  /**
   * Adds the extensions for the repeated {@code field} (JSON name {@code jsonName}) to its array
   * schema {@code array}.
   */
  static void annotate(ObjectNode array, FieldDescriptor field, String jsonName) {
    if (field.getType() == FieldDescriptor.Type.MESSAGE) {
      String key = mergeKey(field.getMessageType(), jsonName);
      if (key != null) {
        array.put(PATCH_MERGE_KEY, key);
        array.put(PATCH_STRATEGY, "merge");
        array.put(LIST_TYPE, "map");
        array.putArray(LIST_MAP_KEYS).add(key);
        return;
      }
    } else if (MergeKeys.mergesPrimitives(jsonName)) {
      array.put(PATCH_STRATEGY, "merge");
      array.put(LIST_TYPE, "set");
      return;
    }
    array.put(LIST_TYPE, "atomic");
  }

  /**
   * The first of the engine's candidate keys for {@code jsonName} that the element type declares
   * (so {@code ports} of a container merge by {@code containerPort}, of a service by {@code port});
   * null if none does, and the list is atomic.
   */
  private static String mergeKey(Descriptor element, String jsonName) {
    for (String key : MergeKeys.candidates(jsonName)) {
      if (element.findFieldByName(key) != null) {
        return key;
      }
    }
    return null;
  }
}
