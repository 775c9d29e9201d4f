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
 * Walks an object along its type: removes the fields the type does not declare, reporting each as a
 * path ({@code spec.template.spec.containers[0].imagePullPolicyy}), and finds the first value of
 * the wrong JSON type (a number where a string belongs, ...), which no decoder would accept. Types
 * are the protobuf messages of the built-in kinds; values of well-known types (Quantity, Time,
 * IntOrString, RawExtension, ...) are taken whole. Thread-safe.
 */
public final class UnknownFields {
  private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS =
      new ConcurrentHashMap<>();

  private UnknownFields() {}

  /**
   * What the walk found.
   *
   * @param unknown paths of the undeclared fields, in document order
   * @param typeError the first wrongly typed value, worded as Kubernetes' JSON decoder does ({@code
   *     json: cannot unmarshal number into Go struct field ConfigMap.data of type string}), or null
   */
  public record Findings(List<String> unknown, String typeError) {}

  /**
   * Drops the undeclared fields of {@code obj}, a kind's object whose message is {@code kind}, and
   * checks the JSON types of the declared ones. {@code apiVersion} and {@code kind} are always
   * known.
   */
  public static Findings prune(ObjectNode obj, Descriptor kind) {
    Walk w = new Walk();
    w.message(obj, kind, "", "", true);
    return new Findings(w.unknown, w.typeError);
  }

  /**
   * One walk's findings; {@code goPath} is the dotted JSON path without indexes, as Go names it.
   */
  private static final class Walk {
    final List<String> unknown = new ArrayList<>();
    String typeError;

    void message(JsonNode node, Descriptor type, String path, String goPath, boolean root) {
      if (!(node instanceof ObjectNode obj)) {
        return; // the caller checked the JSON type
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
          value(e.getValue(), f, type, path + name, goPath + name);
        }
      }
    }

    void value(JsonNode v, FieldDescriptor f, Descriptor owner, String path, String goPath) {
      if (v == null || v.isNull()) {
        return;
      }
      if (f.isMapField()) {
        if (!v.isObject()) {
          mistyped(
              v,
              owner,
              goPath,
              "map[string]" + goType(f.getMessageType().findFieldByName("value")));
          return;
        }
        FieldDescriptor valueField = f.getMessageType().findFieldByName("value");
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (isPlainMessage(valueField)) {
            if (e.getValue().isObject() || e.getValue().isNull()) {
              message(
                  e.getValue(),
                  valueField.getMessageType(),
                  path + "." + e.getKey() + ".",
                  goPath + ".",
                  false);
            } else {
              mistyped(e.getValue(), owner, goPath, goType(valueField));
            }
          } else {
            scalar(e.getValue(), valueField, owner, goPath);
          }
        }
        return;
      }
      if (f.isRepeated()) {
        if (!v.isArray()) {
          mistyped(v, owner, goPath, "[]" + goType(f));
          return;
        }
        for (int i = 0; i < v.size(); i++) {
          JsonNode item = v.get(i);
          if (isPlainMessage(f)) {
            if (item.isObject() || item.isNull()) {
              message(item, f.getMessageType(), path + "[" + i + "].", goPath + ".", false);
            } else {
              mistyped(item, owner, goPath, goType(f));
            }
          } else {
            scalar(item, f, owner, goPath);
          }
        }
        return;
      }
      if (isPlainMessage(f)) {
        if (v.isObject()) {
          message(v, f.getMessageType(), path + ".", goPath + ".", false);
        } else {
          mistyped(v, owner, goPath, goType(f));
        }
        return;
      }
      scalar(v, f, owner, goPath);
    }

    /** A string, number or bool field's value (well-known types are not checked here). */
    void scalar(JsonNode v, FieldDescriptor f, Descriptor owner, String goPath) {
      if (v == null || v.isNull()) {
        return;
      }
      boolean ok =
          switch (f.getJavaType()) {
            case STRING, BYTE_STRING -> v.isTextual();
            case INT -> v.isIntegralNumber() && v.canConvertToInt();
            case LONG -> v.isIntegralNumber() && v.canConvertToLong();
            case FLOAT, DOUBLE -> v.isNumber();
            case BOOLEAN -> v.isBoolean();
            default -> true;
          };
      if (!ok) {
        mistyped(v, owner, goPath, goType(f));
      }
    }

    void mistyped(JsonNode v, Descriptor owner, String goPath, String goType) {
      if (typeError == null) {
        typeError =
            "json: cannot unmarshal "
                + jsonType(v)
                // Go names the number only when it is a number that does not fit the integer
                + (v.isNumber() && goType.startsWith("int") ? " " + v.asText() : "")
                + " into Go struct field "
                + owner.getName()
                + "."
                + goPath
                + " of type "
                + goType;
      }
    }
  }

  private static String jsonType(JsonNode v) {
    if (v.isTextual()) {
      return "string";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    return v.isArray() ? "array" : "object";
  }

  /** The Go type Kubernetes declares for a field's (element) value, e.g. {@code int32}. */
  private static String goType(FieldDescriptor f) {
    if (f == null) {
      return "string";
    }
    return switch (f.getJavaType()) {
      case STRING -> "string";
      case BYTE_STRING -> "[]uint8";
      case INT -> "int32";
      case LONG -> "int64";
      case FLOAT -> "float32";
      case DOUBLE -> "float64";
      case BOOLEAN -> "bool";
      case MESSAGE -> "v1." + f.getMessageType().getName();
      default -> f.getJavaType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static boolean isPlainMessage(FieldDescriptor f) {
    return f.getType() == FieldDescriptor.Type.MESSAGE
        && WellKnownTypes.jsonForm(f.getMessageType()).isEmpty();
  }

  /** The fields of a message by JSON name, inlined messages' fields lifted into it. */
  private static Map<String, FieldDescriptor> fieldsOf(Descriptor type) {
    // Not computeIfAbsent: lifting an inlined message's fields recurses into this cache, which a
    // ConcurrentHashMap refuses ("Recursive update") when both land in the same bin.
    Map<String, FieldDescriptor> known = FIELDS.get(type);
    if (known != null) {
      return known;
    }
    Map<String, FieldDescriptor> m = new HashMap<>();
    for (FieldDescriptor f : type.getFields()) {
      if (JsonNames.isInline(f)) {
        m.putAll(fieldsOf(f.getMessageType()));
      } else {
        m.put(JsonNames.of(f), f);
      }
    }
    Map<String, FieldDescriptor> fields = Map.copyOf(m);
    FIELDS.putIfAbsent(type, fields);
    return fields;
  }
}
