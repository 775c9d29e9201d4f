package io.nauta.apiserver.codec.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.status.ApiException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;

/**
 * Translates a Kubernetes protobuf message into its JSON tree. Stateless.
 *
 * <p>Kubernetes JSON semantics, not protobuf's JsonFormat: member names are the Go JSON names
 * ({@link JsonNames}); only fields present on the wire are written (the sender's encoder wrote
 * exactly the fields it had: pointers when set, plain values always), so absent optional fields
 * stay absent; empty lists and maps are omitted; maps become objects; {@code bytes} become base64
 * strings; inline-embedded structs are flattened; the types of {@link WellKnownTypes} take their
 * own JSON form. Numbers become the same node types that {@link Codec#JSON} would parse from the
 * JSON text, so decoded and stored trees compare equal.
 */
final class JsonTranslator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BigDecimal GO_FLOAT_EXPONENT_LIMIT = new BigDecimal("1e21");

  private JsonTranslator() {}

  /** Writes the present fields of {@code message} into {@code out}, which sits at {@code depth}. */
  static void writeFields(Message message, ObjectNode out, int depth) {
    checkDepth(depth);
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (field.isRepeated()) {
        if (message.getRepeatedFieldCount(field) == 0) {
          continue;
        }
      } else if (!message.hasField(field)) {
        continue;
      }
      if (JsonNames.isInline(field)) {
        writeFields((Message) message.getField(field), out, depth);
        continue;
      }
      out.set(JsonNames.of(field), fieldValue(message, field, depth + 1));
    }
  }

  /** The JSON of a present field; the value node sits at {@code depth}. */
  private static JsonNode fieldValue(Message message, FieldDescriptor field, int depth) {
    int count = field.isRepeated() ? message.getRepeatedFieldCount(field) : 0;
    if (field.isMapField()) {
      checkDepth(depth);
      ObjectNode map = NODES.objectNode();
      for (int i = 0; i < count; i++) {
        Message entry = (Message) message.getRepeatedField(field, i);
        FieldDescriptor keyField = entry.getDescriptorForType().findFieldByNumber(1);
        FieldDescriptor valueField = entry.getDescriptorForType().findFieldByNumber(2);
        String key = String.valueOf(entry.getField(keyField));
        map.set(key, value(valueField, entry.getField(valueField), depth + 1));
      }
      return map;
    }
    if (field.isRepeated()) {
      checkDepth(depth);
      ArrayNode array = NODES.arrayNode(count);
      for (int i = 0; i < count; i++) {
        array.add(value(field, message.getRepeatedField(field, i), depth + 1));
      }
      return array;
    }
    return value(field, message.getField(field), depth);
  }

  /** The JSON of one (singular or element) value of {@code field}, at {@code depth}. */
  static JsonNode value(FieldDescriptor field, Object value, int depth) {
    return switch (field.getJavaType()) {
      case MESSAGE -> message((Message) value, depth);
      case STRING -> TextNode.valueOf((String) value);
      case BOOLEAN -> BooleanNode.valueOf((Boolean) value);
      case BYTE_STRING ->
          TextNode.valueOf(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case INT ->
          integer(unsigned32(field) ? Integer.toUnsignedLong((Integer) value) : (Integer) value);
      case LONG ->
          unsigned64(field)
              ? integer(new BigInteger(Long.toUnsignedString((Long) value)))
              : integer((Long) value);
      case FLOAT -> floating(((Float) value).doubleValue(), field);
      case DOUBLE -> floating((Double) value, field);
      case ENUM -> TextNode.valueOf(((EnumValueDescriptor) value).getName());
    };
  }

  /** The JSON of a message value at {@code depth}: its own form if special, else an object. */
  static JsonNode message(Message message, int depth) {
    checkDepth(depth);
    if (WellKnownTypes.handles(message.getDescriptorForType())) {
      return WellKnownTypes.toJson(message, depth);
    }
    ObjectNode out = NODES.objectNode();
    writeFields(message, out, depth);
    return out;
  }

  /** Fails once a tree would nest deeper than the JSON decoder allows. */
  static void checkDepth(int depth) {
    if (depth > Codec.MAX_DEPTH) {
      throw ApiException.badRequest(
          "the protobuf request body nests deeper than " + Codec.MAX_DEPTH + " levels");
    }
  }

  /** An integral node of the type Jackson parses for the same digits. */
  static JsonNode integer(long v) {
    return (int) v == v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
  }

  private static JsonNode integer(BigInteger v) {
    return v.bitLength() < 64 ? integer(v.longValue()) : BigIntegerNode.valueOf(v);
  }

  /**
   * A float as Go's encoding/json writes it, read back by Jackson: integral values below 1e21 are
   * written as plain digits, the rest keep a fraction or an exponent (decimal nodes).
   */
  private static JsonNode floating(double v, FieldDescriptor field) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw ApiException.badRequest(
          "the protobuf request body holds "
              + v
              + " in "
              + field.getName()
              + ", not a JSON number");
    }
    BigDecimal exact = new BigDecimal(Double.toString(v));
    if (v == Math.rint(v) && exact.abs().compareTo(GO_FLOAT_EXPONENT_LIMIT) < 0) {
      return integer(exact.toBigIntegerExact());
    }
    return DecimalNode.valueOf(exact.stripTrailingZeros());
  }

  private static boolean unsigned32(FieldDescriptor field) {
    return field.getType() == FieldDescriptor.Type.UINT32
        || field.getType() == FieldDescriptor.Type.FIXED32;
  }

  private static boolean unsigned64(FieldDescriptor field) {
    return field.getType() == FieldDescriptor.Type.UINT64
        || field.getType() == FieldDescriptor.Type.FIXED64;
  }
}
