package io.nauta.apiserver.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.nauta.apiserver.codec.protobuf.ProtobufDecoder;
import io.nauta.apiserver.status.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;

/** Decodes request bodies and encodes responses. Thread-safe. */
public final class Codec {
  /** Deepest nesting accepted in a body; real objects stay far below it. */
  public static final int MAX_DEPTH = 100;

  public static final ObjectMapper JSON = newJson();
  private static final ObjectMapper YAML = newYaml();

  private Codec() {}

  private static ObjectMapper newJson() {
    ObjectMapper m = new ObjectMapper();
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    return m;
  }

  private static ObjectMapper newYaml() {
    LoaderOptions lo = new LoaderOptions();
    lo.setMaxAliasesForCollections(50);
    lo.setNestingDepthLimit(MAX_DEPTH);
    lo.setAllowDuplicateKeys(true);
    lo.setCodePointLimit(4 * 1024 * 1024);
    YAMLFactory f =
        YAMLFactory.builder()
            .loaderOptions(lo)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    f.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    ObjectMapper m = new ObjectMapper(f);
    m.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    return m;
  }

  /** The media type of a Content-Type header without parameters, lower-case; "" when absent. */
  public static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Decodes a body as an object.
   *
   * @throws ApiException 400 for malformed input or a non-object, 415 for an unsupported type
   */
  public static ObjectNode decodeObject(String contentType, byte[] body) {
    JsonNode n = decode(contentType, body);
    if (!(n instanceof ObjectNode o)) {
      throw ApiException.badRequest(
          "the request body must be a JSON or YAML object, got " + describe(n));
    }
    return o;
  }

  /**
   * Decodes any JSON/YAML value (patches may be arrays), or a Kubernetes protobuf object.
   *
   * @throws ApiException 400 for malformed input, 415 for an unsupported type
   */
  public static JsonNode decode(String contentType, byte[] body) {
    String mt = mediaType(contentType);
    if (mt.equals(ProtobufDecoder.MEDIA_TYPE)) {
      return ProtobufDecoder.decode(body);
    }
    boolean yaml =
        mt.equals("application/yaml")
            || mt.equals("application/x-yaml")
            || mt.equals("text/yaml")
            || mt.equals("application/apply-patch+yaml");
    boolean json =
        mt.isEmpty()
            || mt.equals("application/json")
            || mt.equals("application/merge-patch+json")
            || mt.equals("application/json-patch+json")
            || mt.equals("application/strategic-merge-patch+json")
            || mt.equals("*/*");
    if (!yaml && !json) {
      throw ApiException.unsupportedMediaType(contentType);
    }
    if (body.length == 0) {
      throw ApiException.badRequest("the request body is empty; expected a JSON or YAML object");
    }
    try {
      JsonNode n = (yaml ? YAML : JSON).readTree(body);
      if (n == null || n.isMissingNode()) {
        throw ApiException.badRequest("the request body is empty; expected a JSON or YAML object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "the body of the request could not be decoded as "
              + (yaml ? "YAML" : "JSON")
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("the body of the request could not be read: " + e.getMessage());
    } catch (RuntimeException e) {
      // SnakeYAML and the constraint checks throw unchecked exceptions on hostile input
      throw ApiException.badRequest(
          "the body of the request could not be decoded: " + e.getMessage());
    }
  }

  private static String describe(JsonNode n) {
    return n.isArray()
        ? "an array"
        : n.isTextual()
            ? "a string"
            : n.isNumber() ? "a number" : n.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /** Compact JSON bytes. */
  public static byte[] toJson(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] toYaml(JsonNode n) {
    try {
      return YAML.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses stored JSON (trusted input). */
  public static ObjectNode parseStored(byte[] bytes) {
    try {
      return (ObjectNode) JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt stored object", e);
    }
  }
}
