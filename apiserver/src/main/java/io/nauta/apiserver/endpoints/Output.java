package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.codec.MediaRange;
import io.nauta.apiserver.status.ApiException;
import java.util.List;

/**
 * The representation a client asked for with its Accept header: JSON, YAML, or a {@code
 * meta.k8s.io} Table (v1 or v1beta1).
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
    TABLE
  }

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
    if (ranges.stream().anyMatch(r -> r.type().startsWith("application/vnd.kubernetes.protobuf"))) {
      // kubectl always offers JSON as well; a protobuf-only client gets a clear refusal
      throw ApiException.notAcceptable(accept);
    }
    throw ApiException.notAcceptable(accept);
  }

  public String contentType() {
    return switch (format) {
      case JSON -> "application/json";
      case YAML -> "application/yaml";
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

  /** The apiVersion of Table objects for this output. */
  public String tableApiVersion() {
    return "meta.k8s.io/" + tableVersion;
  }

  /** Encodes a status for errors: always JSON. */
  public static byte[] status(ObjectNode s) {
    return JSON.encode(s);
  }
}
