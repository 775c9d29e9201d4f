package io.nauta.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.status.ApiException;

/** RFC 6902 JSON patch: add, remove, replace, move, copy, test; all-or-nothing. */
public final class JsonPatch {
  private JsonPatch() {}

  /**
   * Applies the operations to a copy of {@code target}.
   *
   * @throws ApiException 400 for a malformed patch; 422 when an operation cannot apply (missing
   *     path, failed test)
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw ApiException.badRequest("a JSON patch must be an array of operations");
    }
    JsonNode doc = target.deepCopy();
    for (JsonNode op : patch) {
      if (!op.isObject() || !op.path("op").isTextual() || !op.path("path").isTextual()) {
        throw ApiException.badRequest("each JSON patch operation needs \"op\" and \"path\": " + op);
      }
      String path = op.get("path").asText();
      switch (op.get("op").asText()) {
        case "add" -> doc = add(doc, path, value(op));
        case "remove" -> doc = remove(doc, path);
        case "replace" -> {
          get(doc, path);
          doc = add(remove(doc, path), path, value(op));
        }
        case "move" -> {
          String from = from(op);
          JsonNode v = get(doc, from);
          doc = add(remove(doc, from), path, v);
        }
        case "copy" -> doc = add(doc, path, get(doc, from(op)).deepCopy());
        case "test" -> {
          if (!get(doc, path).equals(value(op))) {
            throw unprocessable("testing value " + path + " failed");
          }
        }
        default -> throw ApiException.badRequest("unknown JSON patch operation: " + op.get("op"));
      }
    }
    return doc;
  }

  private static JsonNode value(JsonNode op) {
    if (!op.has("value")) {
      throw ApiException.badRequest("JSON patch operation " + op.get("op") + " needs a \"value\"");
    }
    return op.get("value").deepCopy();
  }

  private static String from(JsonNode op) {
    if (!op.path("from").isTextual()) {
      throw ApiException.badRequest("JSON patch operation " + op.get("op") + " needs a \"from\"");
    }
    return op.get("from").asText();
  }

  private static String[] tokens(String path) {
    if (path.isEmpty()) {
      return new String[0];
    }
    if (!path.startsWith("/")) {
      throw ApiException.badRequest("JSON pointer must start with '/': " + path);
    }
    String[] t = path.substring(1).split("/", -1);
    for (int i = 0; i < t.length; i++) {
      t[i] = t[i].replace("~1", "/").replace("~0", "~");
    }
    return t;
  }

  private static JsonNode get(JsonNode doc, String path) {
    JsonNode cur = doc;
    for (String t : tokens(path)) {
      cur = child(cur, t, path);
    }
    return cur;
  }

  private static JsonNode child(JsonNode node, String token, String path) {
    JsonNode c = null;
    if (node.isObject()) {
      c = node.get(token);
    } else if (node.isArray()) {
      int i = index(token, node.size() - 1, path);
      c = node.get(i);
    }
    if (c == null) {
      throw unprocessable("the path " + path + " does not exist");
    }
    return c;
  }

  private static JsonNode add(JsonNode doc, String path, JsonNode value) {
    String[] t = tokens(path);
    if (t.length == 0) {
      return value;
    }
    JsonNode parent = doc;
    for (int i = 0; i < t.length - 1; i++) {
      parent = child(parent, t[i], path);
    }
    String last = t[t.length - 1];
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      if (last.equals("-")) {
        a.add(value);
      } else {
        a.insert(index(last, a.size(), path), value);
      }
    } else {
      throw unprocessable("the path " + path + " does not exist");
    }
    return doc;
  }

  private static JsonNode remove(JsonNode doc, String path) {
    String[] t = tokens(path);
    if (t.length == 0) {
      throw unprocessable("cannot remove the whole document");
    }
    JsonNode parent = doc;
    for (int i = 0; i < t.length - 1; i++) {
      parent = child(parent, t[i], path);
    }
    String last = t[t.length - 1];
    if (parent instanceof ObjectNode o && o.has(last)) {
      o.remove(last);
    } else if (parent instanceof ArrayNode a) {
      a.remove(index(last, a.size() - 1, path));
    } else {
      throw unprocessable("the path " + path + " does not exist");
    }
    return doc;
  }

  private static int index(String token, int max, String path) {
    try {
      int i = Integer.parseInt(token);
      if (i < 0 || i > max || (token.length() > 1 && token.startsWith("0"))) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw unprocessable("invalid array index " + token + " in " + path);
    }
  }

  private static ApiException unprocessable(String message) {
    return new ApiException(422, "Invalid", message, null);
  }
}
