package io.nauta.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.status.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes strategic merge patch: like a JSON merge patch, but lists with a merge key merge
 * element by element, and the directives {@code $patch}, {@code $retainKeys}, {@code
 * $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>} are honoured. The merge keys
 * come from {@link MergeKeys}.
 */
public final class StrategicMergePatch {
  private static final String SET_ORDER = "$setElementOrder/";
  private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";

  private StrategicMergePatch() {}

  /** Returns the patched document; {@code target} is not modified. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      throw ApiException.badRequest("a strategic merge patch must be a JSON object");
    }
    ObjectNode base =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    JsonNode out = mergeMap(base, (ObjectNode) patch);
    return out == null ? JsonNodeFactory.instance.objectNode() : out;
  }

  /** Merges a patch map into {@code base} (mutated); null means "delete this map". */
  private static ObjectNode mergeMap(ObjectNode base, ObjectNode patch) {
    String directive = patch.path("$patch").asText("");
    if (directive.equals("delete")) {
      return null;
    }
    if (directive.equals("replace")) {
      ObjectNode copy = patch.deepCopy();
      stripDirectives(copy);
      return copy;
    }
    if (!directive.isEmpty() && !directive.equals("merge")) {
      throw ApiException.badRequest("unknown patch directive \"$patch\": \"" + directive + "\"");
    }
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals("$patch") || key.equals("$retainKeys") || key.startsWith(SET_ORDER)) {
        continue;
      }
      if (key.startsWith(DELETE_PRIMITIVE)) {
        deleteFromPrimitiveList(base, key.substring(DELETE_PRIMITIVE.length()), value);
        continue;
      }
      if (key.startsWith("$")) {
        throw ApiException.badRequest("unknown strategic merge patch directive \"" + key + "\"");
      }
      if (value.isNull()) {
        base.remove(key);
      } else if (value.isObject()) {
        JsonNode cur = base.get(key);
        ObjectNode merged =
            mergeMap(
                cur instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode(),
                (ObjectNode) value);
        if (merged == null) {
          base.remove(key);
        } else {
          base.set(key, merged);
        }
      } else if (value.isArray()) {
        base.set(key, mergeList(key, base.get(key), (ArrayNode) value));
      } else {
        base.set(key, value.deepCopy());
      }
    }
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getKey().startsWith(SET_ORDER)) {
        String field = e.getKey().substring(SET_ORDER.length());
        if (base.get(field) instanceof ArrayNode list && e.getValue().isArray()) {
          base.set(field, order(field, list, (ArrayNode) e.getValue()));
        }
      }
    }
    JsonNode retain = patch.get("$retainKeys");
    if (retain != null) {
      if (!retain.isArray()) {
        throw ApiException.badRequest("$retainKeys must be a list of field names");
      }
      Set<String> keep = new HashSet<>();
      retain.forEach(k -> keep.add(k.asText()));
      base.properties().removeIf(en -> !keep.contains(en.getKey()));
    }
    return base;
  }

  private static JsonNode mergeList(String field, JsonNode current, ArrayNode patch) {
    ArrayNode base =
        current instanceof ArrayNode a ? a.deepCopy() : JsonNodeFactory.instance.arrayNode();
    if (MergeKeys.mergesPrimitives(field)) {
      for (JsonNode v : patch) {
        if (!contains(base, v)) {
          base.add(v.deepCopy());
        }
      }
      return base;
    }
    String mergeKey = MergeKeys.of(field, current, patch);
    boolean replaceAll = false;
    for (JsonNode p : patch) {
      replaceAll |=
          p.isObject()
              && p.path("$patch").asText("").equals("replace")
              && !p.has(mergeKey == null ? "" : mergeKey);
    }
    if (mergeKey == null || replaceAll) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode p : patch) {
        if (!(p.isObject() && p.has("$patch") && p.size() == 1)) {
          JsonNode c = p.deepCopy();
          if (c instanceof ObjectNode o) {
            stripDirectives(o);
          }
          out.add(c);
        }
      }
      return out;
    }
    for (JsonNode p : patch) {
      if (!p.isObject()) {
        throw ApiException.badRequest(
            "elements of " + field + " must be objects with the merge key \"" + mergeKey + "\"");
      }
      JsonNode keyValue = p.get(mergeKey);
      if (keyValue == null) {
        throw ApiException.badRequest(
            "an element of " + field + " lacks its merge key \"" + mergeKey + "\"");
      }
      int idx = indexOf(base, mergeKey, keyValue);
      String directive = p.path("$patch").asText("");
      if (directive.equals("delete")) {
        if (idx >= 0) {
          base.remove(idx);
        }
      } else if (idx >= 0) {
        ObjectNode merged = mergeMap((ObjectNode) base.get(idx), (ObjectNode) p);
        base.set(idx, merged);
      } else {
        ObjectNode added = ((ObjectNode) p).deepCopy();
        stripDirectives(added);
        base.add(added);
      }
    }
    return base;
  }

  /**
   * Orders a merged list as {@code $setElementOrder} says; elements not named keep their place at
   * the end.
   */
  private static ArrayNode order(String field, ArrayNode list, ArrayNode wanted) {
    String mergeKey = MergeKeys.of(field, list, wanted);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    List<JsonNode> rest = new ArrayList<>();
    list.forEach(rest::add);
    for (JsonNode w : wanted) {
      JsonNode id = mergeKey == null ? w : w.get(mergeKey);
      for (Iterator<JsonNode> it = rest.iterator(); it.hasNext(); ) {
        JsonNode n = it.next();
        if (id != null && (mergeKey == null ? n.equals(id) : id.equals(n.get(mergeKey)))) {
          out.add(n);
          it.remove();
          break;
        }
      }
    }
    rest.forEach(out::add);
    return out;
  }

  private static void deleteFromPrimitiveList(ObjectNode base, String field, JsonNode values) {
    if (base.get(field) instanceof ArrayNode list && values.isArray()) {
      for (int i = list.size() - 1; i >= 0; i--) {
        if (contains((ArrayNode) values, list.get(i))) {
          list.remove(i);
        }
      }
    }
  }

  private static boolean contains(ArrayNode list, JsonNode v) {
    for (JsonNode n : list) {
      if (n.equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (value.equals(list.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  private static void stripDirectives(ObjectNode o) {
    o.properties().removeIf(e -> e.getKey().startsWith("$"));
    for (JsonNode v : o) {
      if (v instanceof ObjectNode child) {
        stripDirectives(child);
      } else if (v instanceof ArrayNode arr) {
        for (JsonNode el : arr) {
          if (el instanceof ObjectNode child) {
            stripDirectives(child);
          }
        }
      }
    }
  }
}
