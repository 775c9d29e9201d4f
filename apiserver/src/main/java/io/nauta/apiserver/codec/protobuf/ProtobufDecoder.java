package io.nauta.apiserver.codec.protobuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kubernetes.client.proto.Runtime;
import io.nauta.apiserver.status.ApiException;
import java.io.IOException;
import java.util.Optional;

/**
 * Decodes a Kubernetes protobuf body into the object tree its JSON encoding would give. Thread-safe
 * and stateless.
 *
 * <p>The wire format is the four bytes {@code k8s\0} followed by a {@code runtime.Unknown}: its
 * {@code typeMeta} names the apiVersion and kind, {@code raw} holds the object's own message (which
 * carries no TypeMeta). As in Kubernetes, {@code contentType} is not consulted.
 */
public final class ProtobufDecoder {
  /** The media type of Kubernetes protobuf bodies. */
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufDecoder() {}

  /**
   * Decodes one protobuf body.
   *
   * @param body the whole request body, magic prefix included
   * @return a fresh object with {@code kind} and {@code apiVersion} set from the envelope
   * @throws ApiException 400 for a malformed body or a kind unknown to a built-in group version,
   *     415 for an apiVersion that has no protobuf form here (custom resources: JSON or YAML only)
   */
  public static ObjectNode decode(byte[] body) {
    return decode(body, 0);
  }

  /** True if {@code bytes} start with the protobuf envelope's magic prefix. */
  public static boolean hasMagic(byte[] bytes) {
    if (bytes == null || bytes.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** Decodes a body whose tree starts {@code depth} levels down (nested raw extensions). */
  static ObjectNode decode(byte[] body, int depth) {
    try {
      return decodeEnvelope(body, depth);
    } catch (ApiException e) {
      throw e;
    } catch (InvalidProtocolBufferException e) {
      throw malformed(e.getMessage());
    } catch (IOException | RuntimeException e) {
      // the protobuf runtime signals some hostile input with unchecked exceptions
      throw malformed(String.valueOf(e.getMessage()));
    }
  }

  private static ObjectNode decodeEnvelope(byte[] body, int depth) throws IOException {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("the request body is empty; expected a protobuf object");
    }
    if (!hasMagic(body)) {
      throw ApiException.badRequest(
          "the protobuf request body does not start with the \"k8s\\0\" prefix");
    }
    CodedInputStream in =
        CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length);
    Runtime.Unknown unknown = Runtime.Unknown.parseFrom(in);
    String apiVersion = unknown.getTypeMeta().getApiVersion();
    String kind = unknown.getTypeMeta().getKind();
    if (kind.isEmpty()) {
      throw ApiException.badRequest("Object 'Kind' is missing in the protobuf request body");
    }
    if (apiVersion.isEmpty()) {
      throw ApiException.badRequest("Object 'apiVersion' is missing in the protobuf request body");
    }
    if (!unknown.getContentEncoding().isEmpty()) {
      throw ApiException.badRequest(
          "the protobuf request body has content encoding \""
              + unknown.getContentEncoding()
              + "\"; only unencoded objects are accepted");
    }
    Descriptor type = typeOf(apiVersion, kind);
    DynamicMessage message = DynamicMessage.parseFrom(type, unknown.getRaw());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("kind", kind);
    out.put("apiVersion", apiVersion);
    JsonTranslator.writeFields(message, out, depth + 1);
    return out;
  }

  private static Descriptor typeOf(String apiVersion, String kind) {
    KindRegistry registry = KindRegistry.builtIn();
    Optional<Descriptor> type = registry.find(apiVersion, kind);
    if (type.isPresent()) {
      return type.get();
    }
    if (registry.serves(apiVersion)) {
      throw ApiException.badRequest(
          "no kind \"" + kind + "\" is registered for version \"" + apiVersion + "\"");
    }
    throw new ApiException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - "
            + MEDIA_TYPE
            + " is not supported for "
            + apiVersion
            + ", "
            + kind
            + "; accepted media types include: application/json, application/yaml",
        null);
  }

  private static ApiException malformed(String why) {
    return ApiException.badRequest("the protobuf request body could not be decoded: " + why);
  }
}
