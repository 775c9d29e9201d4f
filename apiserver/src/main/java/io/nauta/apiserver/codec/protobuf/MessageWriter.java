package io.nauta.apiserver.codec.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.nauta.apiserver.codec.Codec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds a Kubernetes protobuf message from an object's JSON tree: the inverse of {@link
 * JsonTranslator}. Members are matched by their Go JSON names ({@link JsonNames}), inlined structs
 * take their fields from the enclosing object, maps are built from objects, well-known types from
 * their JSON forms. Members the message does not declare are left out. Stateless.
 */
final class MessageWriter {

  /** The JSON cannot be written as the message (a value of the wrong shape or an unknown form). */
  static final class Unwritable extends RuntimeException {
    Unwritable(String message) {
      super(message, null, false, false);
    }
  }

  private MessageWriter() {}

  /** The message of type {@code type} holding the members of {@code obj}. */
  static Message write(Descriptor type, JsonNode obj) {
    DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
    fill(b, type, obj);
    return b.build();
  }

  private static boolean fill(Message.Builder b, Descriptor type, JsonNode obj) {
    if (!obj.isObject()) {
      throw new Unwritable(type.getName() + " needs an object, got " + obj.getNodeType());
    }
    boolean any = false;
    for (FieldDescriptor f : type.getFields()) {
      if (JsonNames.isInline(f)) {
        Message.Builder sub = b.newBuilderForField(f);
        if (fill(sub, f.getMessageType(), obj)) {
          b.setField(f, sub.build());
          any = true;
        }
        continue;
      }
      JsonNode v = obj.get(JsonNames.of(f));
      if (v == null || v.isNull()) {
        continue;
      }
      any = true;
      if (f.isMapField()) {
        map(b, f, v);
      } else if (f.isRepeated()) {
        if (!v.isArray()) {
          throw new Unwritable(JsonNames.of(f) + " must be a list");
        }
        for (JsonNode el : v) {
          b.addRepeatedField(f, value(b, f, el));
        }
      } else {
        b.setField(f, value(b, f, v));
      }
    }
    return any;
  }

  private static void map(Message.Builder b, FieldDescriptor f, JsonNode v) {
    if (!v.isObject()) {
      throw new Unwritable(JsonNames.of(f) + " must be an object");
    }
    Descriptor entryType = f.getMessageType();
    FieldDescriptor keyField = entryType.findFieldByNumber(1);
    FieldDescriptor valueField = entryType.findFieldByNumber(2);
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      DynamicMessage.Builder entry = DynamicMessage.newBuilder(entryType);
      entry.setField(keyField, e.getKey());
      if (!e.getValue().isNull()) {
        entry.setField(valueField, value(entry, valueField, e.getValue()));
      }
      b.addRepeatedField(f, entry.build());
    }
  }

  private static Object value(Message.Builder owner, FieldDescriptor f, JsonNode v) {
    return switch (f.getJavaType()) {
      case STRING -> v.isValueNode() ? v.asText() : fail(f, v);
      case BOOLEAN -> v.isBoolean() ? v.booleanValue() : fail(f, v);
      case INT -> v.canConvertToInt() ? v.intValue() : fail(f, v);
      case LONG -> v.canConvertToLong() ? v.longValue() : fail(f, v);
      case DOUBLE -> v.isNumber() ? v.doubleValue() : fail(f, v);
      case FLOAT -> v.isNumber() ? v.floatValue() : fail(f, v);
      case BYTE_STRING ->
          v.isTextual() ? ByteString.copyFrom(Base64.getDecoder().decode(v.asText())) : fail(f, v);
      case MESSAGE -> message(owner.newBuilderForField(f), f.getMessageType(), v);
      default -> fail(f, v);
    };
  }

  private static Message message(Message.Builder b, Descriptor type, JsonNode v) {
    var form = WellKnownTypes.jsonForm(type);
    if (form.isEmpty()) {
      fill(b, type, v);
      return b.build();
    }
    switch (form.get()) {
      case QUANTITY -> set(b, type, "string", v.asText());
      case INT_OR_STRING -> {
        if (v.isIntegralNumber()) {
          set(b, type, "type", 0L);
          set(b, type, "intVal", (long) v.intValue());
        } else {
          set(b, type, "type", 1L);
          set(b, type, "strVal", v.asText());
        }
      }
      case TIME, MICRO_TIME -> {
        try {
          Instant t = Instant.parse(v.asText());
          set(b, type, "seconds", t.getEpochSecond());
          set(b, type, "nanos", (long) t.getNano());
        } catch (DateTimeParseException e) {
          throw new Unwritable("not a timestamp: " + v.asText());
        }
      }
      case FIELDS_V1 -> set(b, type, "Raw", ByteString.copyFrom(Codec.toJson(v)));
      case RAW_EXTENSION -> set(b, type, "raw", ByteString.copyFrom(Codec.toJson(v)));
      case STRING_LIST -> {
        FieldDescriptor items = type.findFieldByName("items");
        for (JsonNode s : v) {
          b.addRepeatedField(items, s.asText());
        }
      }
      default -> throw new Unwritable("no protobuf form written for " + type.getFullName());
    }
    return b.build();
  }

  /** Sets a scalar field by proto name, converting a long to the field's integer width. */
  private static void set(Message.Builder b, Descriptor type, String name, Object value) {
    FieldDescriptor f = type.findFieldByName(name);
    if (f == null) {
      throw new Unwritable(type.getFullName() + " has no field " + name);
    }
    Object v = value;
    if (value instanceof Long l && f.getJavaType() == FieldDescriptor.JavaType.INT) {
      v = l.intValue();
    }
    b.setField(f, v);
  }

  private static Object fail(FieldDescriptor f, JsonNode v) {
    throw new Unwritable(
        "the value of " + JsonNames.of(f) + " (" + v.getNodeType() + ") does not fit its type");
  }
}
