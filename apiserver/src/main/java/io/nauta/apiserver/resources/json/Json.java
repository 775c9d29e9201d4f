package io.nauta.apiserver.resources.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Null-safe access to JSON object trees. Readers return a {@link MissingNode}, "" or a default for
 * absent, null or mistyped fields; writers only fill fields that are absent or null, the way
 * Kubernetes' defaulting functions only fill zero values.
 */
public final class Json {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** The node at {@code path} below {@code node}, or a {@link MissingNode}; never null. */
  public static JsonNode at(JsonNode node, String... path) {
    JsonNode cur = node == null ? MissingNode.getInstance() : node;
    for (String p : path) {
      cur = cur.path(p);
    }
    return cur;
  }

  /** True when the field at {@code path} exists and is not JSON null. */
  public static boolean has(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return !n.isMissingNode() && !n.isNull();
  }

  /** The text of a scalar at {@code path}, or "" when absent, null or not a scalar. */
  public static String text(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n.isValueNode() && !n.isNull() ? n.asText() : "";
  }

  /** The integer at {@code path}, or {@code dflt} when absent or not an integral number. */
  public static long integer(JsonNode node, long dflt, String... path) {
    JsonNode n = at(node, path);
    return n.isIntegralNumber() ? n.asLong() : dflt;
  }

  /** The boolean at {@code path}, or false when absent or not a boolean. */
  public static boolean bool(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n.isBoolean() && n.asBoolean();
  }

  /**
   * The object field {@code name} of {@code parent}, created when absent or null. A field holding
   * another type is left alone and a detached object is returned, so validation still sees the bad
   * value.
   */
  public static ObjectNode object(ObjectNode parent, String name) {
    JsonNode n = parent.get(name);
    if (n instanceof ObjectNode o) {
      return o;
    }
    if (n == null || n.isNull()) {
      return parent.putObject(name);
    }
    return NODES.objectNode();
  }

  /** Like {@link #object(ObjectNode, String)} along a path of object fields. */
  public static ObjectNode objectAt(ObjectNode root, String... path) {
    ObjectNode cur = root;
    for (String p : path) {
      cur = object(cur, p);
    }
    return cur;
  }

  /** The object at {@code path} if it is one. */
  public static ObjectNode objectOrNull(JsonNode node, String... path) {
    return at(node, path) instanceof ObjectNode o ? o : null;
  }

  /** The object elements of the array at {@code path}; empty when absent or not an array. */
  public static List<ObjectNode> objects(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    List<ObjectNode> out = new ArrayList<>();
    if (n.isArray()) {
      for (JsonNode e : n) {
        if (e instanceof ObjectNode o) {
          out.add(o);
        }
      }
    }
    return out;
  }

  /** The scalar elements of the array at {@code path} as text; empty when absent. */
  public static List<String> strings(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      for (JsonNode e : n) {
        out.add(e.isValueNode() ? e.asText() : e.toString());
      }
    }
    return out;
  }

  /** The string-valued fields of the object at {@code path}, in document order. */
  public static Map<String, String> stringMap(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    Map<String, String> out = new LinkedHashMap<>();
    if (n.isObject()) {
      n.properties()
          .forEach(
              e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : ""));
    }
    return out;
  }

  /** The number of elements of an array or fields of an object at {@code path}; 0 otherwise. */
  public static int size(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n.isArray() || n.isObject() ? n.size() : 0;
  }

  /** Sets a text field when it is absent, null or "" (Go's zero value). */
  public static void defaultText(ObjectNode obj, String name, String value) {
    JsonNode n = obj.get(name);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty())) {
      obj.put(name, value);
    }
  }

  /** Sets an integer field when it is absent or null. */
  public static void defaultInt(ObjectNode obj, String name, long value) {
    if (!has(obj, name)) {
      putInt(obj, name, value);
    }
  }

  /**
   * Sets an integer field as the JSON parser would read it back (an int node when it fits), so
   * defaulted objects compare equal to stored ones.
   */
  public static void putInt(ObjectNode obj, String name, long value) {
    if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
      obj.put(name, (int) value);
    } else {
      obj.put(name, value);
    }
  }

  /** Sets a boolean field when it is absent or null. */
  public static void defaultBool(ObjectNode obj, String name, boolean value) {
    if (!has(obj, name)) {
      obj.put(name, value);
    }
  }

  /** Sets a field to a copy of {@code value} when it is absent or null. */
  public static void defaultNode(ObjectNode obj, String name, JsonNode value) {
    if (!has(obj, name)) {
      obj.set(name, value.deepCopy());
    }
  }

  /** A new empty object node. */
  public static ObjectNode newObject() {
    return NODES.objectNode();
  }
}
