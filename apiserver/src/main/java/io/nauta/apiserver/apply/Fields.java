package io.nauta.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.patch.MergeKeys;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field paths of objects: which paths an object sets (its {@link FieldSet}), and reading or
 * removing the value at a path. Lists are keyed, sets or atomic by the same merge metadata as
 * strategic merge patch; a keyed list whose elements do not all carry the key is atomic.
 */
public final class Fields {
  /** Metadata the server owns: never tracked as a manager's field. */
  private static final Set<String> SERVER_METADATA =
      Set.of(
          "name",
          "namespace",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "managedFields",
          "selfLink");

  private Fields() {}

  /** Which part of an object a write is about. */
  public enum Scope {
    /** Everything but type, server metadata and (when {@code hasStatus}) status. */
    MAIN,
    /** Only status. */
    STATUS
  }

  /** The set of paths {@code obj} sets within {@code scope}. */
  public static FieldSet of(ObjectNode obj, Scope scope, boolean hasStatus) {
    FieldSet root = new FieldSet();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String f = e.getKey();
      if (f.equals("apiVersion") || f.equals("kind")) {
        continue;
      }
      boolean status = f.equals("status");
      if (scope == Scope.STATUS ? !status : status && hasStatus) {
        continue;
      }
      if (f.equals("metadata") && e.getValue().isObject()) {
        FieldSet meta = new FieldSet();
        for (Iterator<Map.Entry<String, JsonNode>> m = e.getValue().fields(); m.hasNext(); ) {
          Map.Entry<String, JsonNode> me = m.next();
          if (!SERVER_METADATA.contains(me.getKey()) && !me.getValue().isNull()) {
            value(meta.child("f:" + me.getKey()), me.getKey(), me.getValue());
          }
        }
        if (!meta.isEmpty()) {
          root.children().put("f:metadata", meta);
        }
        continue;
      }
      if (!e.getValue().isNull()) {
        value(root.child("f:" + f), f, e.getValue());
      }
    }
    return root;
  }

  private static void value(FieldSet node, String field, JsonNode v) {
    if (v.isObject() && !v.isEmpty()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull()) {
          value(node.child("f:" + e.getKey()), e.getKey(), e.getValue());
        }
      }
      if (node.isEmpty()) {
        node.markMember();
      }
      return;
    }
    if (v.isArray() && !v.isEmpty()) {
      String key = keyOf(field, v);
      if (key != null) {
        for (JsonNode el : v) {
          FieldSet item = node.child(keyElement(key, el));
          item.markMember();
          value(item, null, el);
          item.markMember();
        }
        return;
      }
      if (isSet(field, v)) {
        for (JsonNode el : v) {
          node.child("v:" + Codec.JSON.valueToTree(el).toString()).markMember();
        }
        return;
      }
    }
    node.markMember();
  }

  /** The merge key of a keyed list, or null when the list is a set or atomic. */
  static String keyOf(String field, JsonNode list) {
    if (field == null || !list.isArray()) {
      return null;
    }
    String key = MergeKeys.of(field, list, null);
    if (key == null) {
      return null;
    }
    for (JsonNode el : list) {
      if (!el.isObject() || !el.hasNonNull(key) || el.get(key).isContainerNode()) {
        return null;
      }
    }
    return key;
  }

  static boolean isSet(String field, JsonNode list) {
    if (field == null || !MergeKeys.mergesPrimitives(field)) {
      return false;
    }
    for (JsonNode el : list) {
      if (el.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  static String keyElement(String key, JsonNode element) {
    ObjectNode k = Codec.JSON.createObjectNode();
    k.set(key, element.get(key));
    return "k:" + k;
  }

  /** The value at {@code path} in {@code obj}, or null when absent. */
  public static JsonNode at(JsonNode obj, List<String> path) {
    JsonNode n = obj;
    for (String e : path) {
      n = step(n, e);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  private static JsonNode step(JsonNode n, String element) {
    if (element.startsWith("f:")) {
      return n.isObject() ? n.get(element.substring(2)) : null;
    }
    int i = indexIn(n, element);
    return i < 0 ? null : n.get(i);
  }

  /** The index of the list element that {@code element} (k: or v:) names, or -1. */
  static int indexIn(JsonNode list, String element) {
    if (!list.isArray()) {
      return -1;
    }
    JsonNode want;
    try {
      want = Codec.JSON.readTree(element.substring(2));
    } catch (java.io.IOException e) {
      return -1;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode el = list.get(i);
      if (element.startsWith("v:") ? el.equals(want) : matchesKey(el, want)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matchesKey(JsonNode el, JsonNode key) {
    if (!el.isObject() || !key.isObject()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().equals(el.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code path} ends at a key field of a keyed list element (which stays with it). */
  static boolean isKeyField(List<String> path) {
    int n = path.size();
    if (n < 2 || !path.get(n - 2).startsWith("k:") || !path.get(n - 1).startsWith("f:")) {
      return false;
    }
    try {
      return Codec.JSON.readTree(path.get(n - 2).substring(2)).has(path.get(n - 1).substring(2));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Removes the value at {@code path} from {@code obj}; nothing happens when it is absent. */
  public static void remove(ObjectNode obj, List<String> path) {
    if (path.isEmpty()) {
      return;
    }
    JsonNode parent = at(obj, path.subList(0, path.size() - 1));
    if (parent == null) {
      return;
    }
    String last = path.get(path.size() - 1);
    if (last.startsWith("f:") && parent instanceof ObjectNode o) {
      o.remove(last.substring(2));
    } else if (parent instanceof ArrayNode a) {
      int i = indexIn(a, last);
      if (i >= 0) {
        a.remove(i);
      }
    }
  }

  /** The members of {@code set} whose path still exists in {@code obj}. */
  public static FieldSet existing(FieldSet set, JsonNode obj) {
    FieldSet r = new FieldSet();
    for (List<String> p : set.paths()) {
      if (at(obj, p) != null) {
        r.add(p);
      }
    }
    return r;
  }

  /**
   * A path as Kubernetes prints it in conflicts, e.g. {@code .spec.containers[name="web"].image}.
   */
  public static String describe(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String e : path) {
      if (e.startsWith("f:")) {
        b.append('.').append(e.substring(2));
      } else if (e.startsWith("k:")) {
        List<String> parts = new ArrayList<>();
        try {
          Codec.JSON
              .readTree(e.substring(2))
              .fields()
              .forEachRemaining(kv -> parts.add(kv.getKey() + "=" + kv.getValue()));
        } catch (java.io.IOException ex) {
          parts.add(e.substring(2));
        }
        b.append('[').append(String.join(",", parts)).append(']');
      } else {
        b.append('[').append(e.substring(2)).append(']');
      }
    }
    return b.toString();
  }
}
