package io.nauta.apiserver.codec.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.status.ApiException;
import java.io.IOException;
import java.util.Optional;

/**
 * The Kubernetes types whose JSON form is not their message shape, each rendered as Go's
 * MarshalJSON renders it. Stateless.
 *
 * <ul>
 *   <li>resource.Quantity: its string ({@code "0"} when empty, the zero quantity)
 *   <li>intstr.IntOrString: a number or a string by its type
 *   <li>meta/v1 Time and MicroTime: RFC 3339 in UTC, or null for Go's zero time; Duration: a Go
 *       duration string; FieldsV1: its raw JSON; Verbs: a string array
 *   <li>runtime.RawExtension: its raw JSON, or a nested protobuf envelope decoded in turn
 *   <li>ExtraValue (user info extras): a string array
 *   <li>apiextensions JSON, JSONSchemaPropsOrArray, JSONSchemaPropsOrBool and
 *       JSONSchemaPropsOrStringArray: raw JSON, a schema or an array, a schema or a boolean, a
 *       schema or a string array
 * </ul>
 */
public final class WellKnownTypes {
  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final String API_PREFIX = "k8s.io.api.";
  private static final String APIEXTENSIONS_PREFIX =
      "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.";

  /** The JSON form a well-known type takes instead of its message shape. */
  public enum Type {
    QUANTITY,
    INT_OR_STRING,
    TIME,
    MICRO_TIME,
    DURATION,
    FIELDS_V1,
    STRING_LIST,
    RAW_EXTENSION,
    SCHEMA_JSON,
    SCHEMA_OR_ARRAY,
    SCHEMA_OR_BOOL,
    SCHEMA_OR_STRING_ARRAY
  }

  private WellKnownTypes() {}

  /** True if messages of {@code type} have a JSON form of their own. */
  static boolean handles(Descriptor type) {
    return typeOf(type) != null;
  }

  /** The JSON of a message whose type {@link #handles} reports; the node sits at {@code depth}. */
  static JsonNode toJson(Message m, int depth) {
    return switch (typeOf(m.getDescriptorForType())) {
      case QUANTITY -> TextNode.valueOf(has(m, "string") ? text(m, "string") : "0");
      case INT_OR_STRING -> intOrString(m);
      case TIME -> Timestamps.time(m);
      case MICRO_TIME -> Timestamps.microTime(m);
      case DURATION -> TextNode.valueOf(GoDuration.format(number(m, "duration")));
      case FIELDS_V1 -> rawJson(bytes(m, "Raw"), depth);
      case STRING_LIST -> list(m, "items", depth);
      case RAW_EXTENSION -> rawJson(bytes(m, "raw"), depth);
      case SCHEMA_JSON -> rawJson(bytes(m, "raw"), depth);
      case SCHEMA_OR_ARRAY ->
          count(m, "jSONSchemas") > 0 ? list(m, "jSONSchemas", depth) : schema(m, depth);
      case SCHEMA_OR_BOOL ->
          has(m, "schema") ? schema(m, depth) : BooleanNode.valueOf(bool(m, "allows"));
      case SCHEMA_OR_STRING_ARRAY ->
          count(m, "property") > 0
              ? list(m, "property", depth)
              : has(m, "schema") ? schema(m, depth) : NullNode.getInstance();
    };
  }

  /**
   * The JSON form of messages of type {@code d}, or empty when they are written as objects field by
   * field. Lets other views of the types (such as OpenAPI schemas) agree with this codec.
   */
  public static Optional<Type> jsonForm(Descriptor d) {
    return Optional.ofNullable(typeOf(d));
  }

  private static Type typeOf(Descriptor d) {
    String name = d.getFullName();
    if (name.startsWith(META)) {
      return switch (d.getName()) {
        case "Time" -> Type.TIME;
        case "MicroTime" -> Type.MICRO_TIME;
        case "Duration" -> Type.DURATION;
        case "FieldsV1" -> Type.FIELDS_V1;
        case "Verbs" -> Type.STRING_LIST;
        default -> null;
      };
    }
    if (name.startsWith(APIEXTENSIONS_PREFIX)) {
      return switch (d.getName()) {
        case "JSON" -> Type.SCHEMA_JSON;
        case "JSONSchemaPropsOrArray" -> Type.SCHEMA_OR_ARRAY;
        case "JSONSchemaPropsOrBool" -> Type.SCHEMA_OR_BOOL;
        case "JSONSchemaPropsOrStringArray" -> Type.SCHEMA_OR_STRING_ARRAY;
        default -> null;
      };
    }
    return switch (name) {
      case "k8s.io.apimachinery.pkg.api.resource.Quantity",
          "k8s.io.apimachinery.pkg.api.resource.QuantityValue" ->
          Type.QUANTITY;
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> Type.INT_OR_STRING;
      case "k8s.io.apimachinery.pkg.runtime.RawExtension" -> Type.RAW_EXTENSION;
      default ->
          name.startsWith(API_PREFIX) && d.getName().equals("ExtraValue") ? Type.STRING_LIST : null;
    };
  }

  /**
   * Embedded JSON (or a nested protobuf envelope) as a tree at {@code depth}; empty is null, as
   * Go's RawExtension writes it.
   */
  private static JsonNode rawJson(ByteString raw, int depth) {
    if (raw.isEmpty()) {
      return NullNode.getInstance();
    }
    byte[] bytes = raw.toByteArray();
    if (ProtobufDecoder.hasMagic(bytes)) {
      return ProtobufDecoder.decode(bytes, depth);
    }
    JsonNode tree;
    try {
      tree = Codec.JSON.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      throw ApiException.badRequest(
          "the protobuf request body embeds an object that is not JSON: " + e.getMessage());
    }
    if (tree == null || tree.isMissingNode()) {
      return NullNode.getInstance();
    }
    JsonTranslator.checkDepth(depth + height(tree, 0) - 1);
    return tree;
  }

  /** Levels of nesting of {@code n} (a scalar is 1); stops counting past the limit. */
  private static int height(JsonNode n, int above) {
    if (!n.isContainerNode() || above > Codec.MAX_DEPTH) {
      return 1;
    }
    int max = 0;
    for (JsonNode child : n) {
      max = Math.max(max, height(child, above + 1));
    }
    return max + 1;
  }

  /** Type 0 is an int, 1 a string; Go refuses to write any other. */
  private static JsonNode intOrString(Message m) {
    long type = number(m, "type");
    if (type == 0) {
      return JsonTranslator.integer(number(m, "intVal"));
    }
    if (type == 1) {
      return TextNode.valueOf(text(m, "strVal"));
    }
    throw ApiException.badRequest(
        "the protobuf request body holds an IntOrString of unknown type " + type);
  }

  private static JsonNode schema(Message m, int depth) {
    return JsonTranslator.message((Message) m.getField(field(m, "schema")), depth);
  }

  private static ArrayNode list(Message m, String name, int depth) {
    FieldDescriptor f = field(m, name);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
      out.add(JsonTranslator.value(f, m.getRepeatedField(f, i), depth + 1));
    }
    return out;
  }

  private static FieldDescriptor field(Message m, String name) {
    FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
    if (f == null) {
      // only reachable if a future schema renamed a field these rules rely on
      throw ApiException.badRequest(
          "the protobuf type " + m.getDescriptorForType().getFullName() + " has no field " + name);
    }
    return f;
  }

  private static boolean has(Message m, String name) {
    return m.hasField(field(m, name));
  }

  private static int count(Message m, String name) {
    return m.getRepeatedFieldCount(field(m, name));
  }

  private static String text(Message m, String name) {
    return (String) m.getField(field(m, name));
  }

  private static boolean bool(Message m, String name) {
    return (Boolean) m.getField(field(m, name));
  }

  private static ByteString bytes(Message m, String name) {
    return (ByteString) m.getField(field(m, name));
  }

  /** An integral field widened to long. */
  static long number(Message m, String name) {
    return ((Number) m.getField(field(m, name))).longValue();
  }
}
