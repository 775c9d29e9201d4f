package io.nauta.apiserver.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.nauta.apiserver.codec.protobuf.WellKnownTypes;

/**
 * Schemas of the values that are not plain messages: protobuf scalars, and the well-known types
 * whose JSON form is not their message shape (as {@link WellKnownTypes} renders them). Each call
 * returns a new node.
 */
final class TypeSchemas {
  static final String INT_OR_STRING = "x-kubernetes-int-or-string";
  static final String PRESERVE_UNKNOWN = "x-kubernetes-preserve-unknown-fields";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TypeSchemas() {}

  /** The schema of a non-message protobuf field value (one element, for a repeated field). */
  static ObjectNode scalar(FieldDescriptor field) {
    return switch (field.getJavaType()) {
      case STRING, ENUM -> typed("string");
      case BOOLEAN -> typed("boolean");
      case INT -> typed("integer").put("format", "int32");
      case LONG -> typed("integer").put("format", "int64");
      case DOUBLE, FLOAT -> typed("number").put("format", "double");
      case BYTE_STRING -> typed("string").put("format", "byte");
      case MESSAGE ->
          throw new IllegalArgumentException(field.getFullName() + " is a message field");
    };
  }

  /** The schema of a well-known type's JSON form. */
  static ObjectNode wellKnown(WellKnownTypes.Type type) {
    return switch (type) {
      // a quantity is written as a string, but clients may send a bare number
      case QUANTITY, INT_OR_STRING -> intOrString();
      case TIME, MICRO_TIME -> typed("string").put("format", "date-time");
      case DURATION -> typed("string");
      case FIELDS_V1, RAW_EXTENSION -> typed("object");
      case STRING_LIST -> arrayOfStrings();
      // CRD validation schemas: arbitrary JSON, a schema, an array or a boolean
      case SCHEMA_JSON, SCHEMA_OR_ARRAY, SCHEMA_OR_BOOL, SCHEMA_OR_STRING_ARRAY ->
          NODES.objectNode().put(PRESERVE_UNKNOWN, true);
    };
  }

  static ObjectNode typed(String type) {
    return NODES.objectNode().put("type", type);
  }

  private static ObjectNode intOrString() {
    ObjectNode s = NODES.objectNode();
    s.putArray("anyOf").add(typed("integer")).add(typed("string"));
    return s.put(INT_OR_STRING, true);
  }

  private static ObjectNode arrayOfStrings() {
    ObjectNode s = typed("array");
    s.set("items", typed("string"));
    return s;
  }
}
