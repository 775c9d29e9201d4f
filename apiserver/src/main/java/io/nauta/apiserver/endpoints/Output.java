package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.codec.MediaRange;
import io.nauta.apiserver.codec.protobuf.ProtobufDecoder;
import io.nauta.apiserver.codec.protobuf.ProtobufEncoder;
import io.nauta.apiserver.status.ApiException;
import java.util.List;

/**
 * The representation a client asked for with its Accept header: JSON, YAML, Kubernetes protobuf, or
 * a {@code meta.k8s.io} Table (v1 or v1beta1).
 *
 * @param format how to encode
 * @param tableVersion "v1" or "v1beta1" when format is TABLE
 * @param includeObject for tables: None, Metadata (default) or Object
 */
public record Output(Format format, String tableVersion, String includeObject) {
  /** Encodings. */
  public enum Format {
    JSON,
    YAML,
    TABLE,
    /** Kubernetes protobuf where the kind has a message; JSON otherwise. */
    PROTOBUF
  }

  /** An encoded answer and its content type. */
  public record Rendered(String contentType, byte[] body) {}

  public static final Output JSON = new Output(Format.JSON, null, null);

  /**
   * Chooses from an Accept header.
   *
   * @param tableAllowed whether this endpoint can answer a Table
   * @throws ApiException 406 when nothing acceptable can be produced
   */
  public static Output negotiate(String accept, boolean tableAllowed, String includeObject) {
    List<MediaRange> ranges = MediaRange.parseAccept(accept);
    for (MediaRange r : ranges) {
      if (r.hasAs()) {
        if (tableAllowed
            && (r.acceptsJson() || r.isYaml())
            && r.isAs("Table", "meta.k8s.io", "v1", "v1beta1")) {
          return new Output(
              Format.TABLE, r.param("v"), includeObject == null ? "Metadata" : includeObject);
        }
        continue;
      }
      if (r.type().equals(ProtobufDecoder.MEDIA_TYPE)) {
        return new Output(Format.PROTOBUF, null, null);
      }
      if (r.acceptsJson() || r.type().equals("application/vnd.kubernetes.protobuf;stream=watch")) {
        return JSON;
      }
      if (r.isYaml()) {
        return new Output(Format.YAML, null, null);
      }
      if (r.type().equals("application/json;stream=watch")) {
        return JSON;
      }
    }
    throw ApiException.notAcceptable(accept);
  }

  public String contentType() {
    return switch (format) {
      case JSON -> "application/json";
      case YAML -> "application/yaml";
      case PROTOBUF -> ProtobufDecoder.MEDIA_TYPE;
      case TABLE -> "application/json;as=Table;v=" + tableVersion + ";g=meta.k8s.io";
    };
  }

  public byte[] encode(JsonNode n) {
    if (format == Format.YAML) {
      return Codec.toYaml(n);
    }
    byte[] json = Codec.toJson(n);
    byte[] out = new byte[json.length + 1];
    System.arraycopy(json, 0, out, 0, json.length);
    out[json.length] = '\n';
    return out;
  }

  /**
   * Encodes an object or list for a complete response. Protobuf falls back to JSON for objects
   * without a protobuf message (e.g. Tables), so the content type comes with the body.
   */
  public Rendered render(ObjectNode n) {
    if (format == Format.PROTOBUF) {
      return ProtobufEncoder.encode(n)
          .map(b -> new Rendered(ProtobufDecoder.MEDIA_TYPE, b))
          .orElseGet(() -> new Rendered("application/json", JSON.encode(n)));
    }
    return new Rendered(contentType(), encode(n));
  }

  /** The apiVersion of Table objects for this output. */
  public String tableApiVersion() {
    return "meta.k8s.io/" + tableVersion;
  }

  /** Encodes a status for errors: always JSON. */
  public static byte[] status(ObjectNode s) {
    return JSON.encode(s);
  }
}
