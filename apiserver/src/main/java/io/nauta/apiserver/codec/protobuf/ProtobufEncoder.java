package io.nauta.apiserver.codec.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import io.kubernetes.client.proto.Runtime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Encodes an object as a Kubernetes protobuf body: the four bytes {@code k8s\0}, then a {@code
 * runtime.Unknown} whose typeMeta names the apiVersion and kind and whose raw holds the object's
 * message. Thread-safe and stateless.
 */
public final class ProtobufEncoder {
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufEncoder() {}

  /**
   * The protobuf body of {@code obj}, or empty when its apiVersion and kind have no protobuf
   * message here or its JSON does not fit that message (the caller then answers JSON).
   */
  public static Optional<byte[]> encode(ObjectNode obj) {
    String apiVersion = obj.path("apiVersion").asText("");
    String kind = obj.path("kind").asText("");
    Optional<Descriptor> type = KindRegistry.builtIn().find(apiVersion, kind);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    try {
      Runtime.Unknown unknown =
          Runtime.Unknown.newBuilder()
              .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
              .setRaw(MessageWriter.write(type.get(), obj).toByteString())
              .setContentEncoding("")
              .setContentType("")
              .build();
      ByteArrayOutputStream out = new ByteArrayOutputStream(unknown.getSerializedSize() + 4);
      out.writeBytes(MAGIC);
      unknown.writeTo(out);
      return Optional.of(out.toByteArray());
    } catch (MessageWriter.Unwritable e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
