package io.nauta.apiserver.fieldvalidation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.nauta.apiserver.codec.protobuf.JsonNames;
import io.nauta.apiserver.codec.protobuf.WellKnownTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes from an object the fields its type does not declare, reporting each as a path ({@code
 * spec.template.spec.containers[0].imagePullPolicyy}). Types are the protobuf messages of the
 * built-in kinds; values of well-known types (Quantity, Time, RawExtension, ...) are taken whole.
 * Thread-safe.
 */
public final class UnknownFields {
  private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS =
      new ConcurrentHashMap<>();

  private UnknownFields() {}

  /**
   * Drops the undeclared fields of {@code obj}, a kind's object whose message is {@code kind}, and
   * answers their paths in document order. {@code apiVersion} and {@code kind} are always known.
   */
  public static List<String> prune(ObjectNode obj, Descriptor kind) {
    List<String> unknown = new ArrayList<>();
    message(obj, kind, "", unknown, true);
    return unknown;
  }

  private static void message(
      JsonNode node, Descriptor type, String path, List<String> unknown, boolean root) {
    if (!(node instanceof ObjectNode obj)) {
      return; // a wrong JSON type is the strategy's validation error, not an unknown field
    }
    Map<String, FieldDescriptor> fields = fieldsOf(type);
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      FieldDescriptor f = fields.get(name);
      if (f == null) {
        if (root && (name.equals("apiVersion") || name.equals("kind"))) {
          continue;
        }
        unknown.add(path + name);
        it.remove();
      } else {
        value(e.getValue(), f, path + name, unknown);
      }
    }
  }

  private static void value(JsonNode v, FieldDescriptor f, String path, List<String> unknown) {
    if (v == null || v.isNull()) {
      return;
    }
    if (f.isMapField()) {
      FieldDescriptor valueField = f.getMessageType().findFieldByName("value");
      if (valueField != null && isPlainMessage(valueField) && v.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          message(
              e.getValue(),
              valueField.getMessageType(),
              path + "." + e.getKey() + ".",
              unknown,
              false);
        }
      }
      return;
    }
    if (!isPlainMessage(f)) {
      return;
    }
    if (f.isRepeated()) {
      if (v.isArray()) {
        for (int i = 0; i < v.size(); i++) {
          message(v.get(i), f.getMessageType(), path + "[" + i + "].", unknown, false);
        }
      }
      return;
    }
    message(v, f.getMessageType(), path + ".", unknown, false);
  }

  private static boolean isPlainMessage(FieldDescriptor f) {
    return f.getType() == FieldDescriptor.Type.MESSAGE
        && WellKnownTypes.jsonForm(f.getMessageType()).isEmpty();
  }

  /** The fields of a message by JSON name, inlined messages' fields lifted into it. */
  private static Map<String, FieldDescriptor> fieldsOf(Descriptor type) {
    return FIELDS.computeIfAbsent(
        type,
        t -> {
          Map<String, FieldDescriptor> m = new HashMap<>();
          for (FieldDescriptor f : t.getFields()) {
            if (JsonNames.isInline(f)) {
              m.putAll(fieldsOf(f.getMessageType()));
            } else {
              m.put(JsonNames.of(f), f);
            }
          }
          return Map.copyOf(m);
        });
  }
}
