package io.nauta.apiserver.codec.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds protobuf request bodies as client-go sends them: "k8s\0" + runtime.Unknown. */
final class ProtobufBodies {
  static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufBodies() {}

  static byte[] wrap(String apiVersion, String kind, Message object) {
    return wrap(
        Runtime.Unknown.newBuilder()
            .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
            .setRaw(object.toByteString())
            .setContentType("")
            .setContentEncoding("")
            .build());
  }

  static byte[] wrap(Runtime.Unknown unknown) {
    return prefixed(unknown.toByteArray());
  }

  static byte[] prefixed(byte[] rest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.writeBytes(rest);
    return out.toByteArray();
  }

  static Resource.Quantity quantity(String s) {
    return Resource.Quantity.newBuilder().setString(s).build();
  }

  static Meta.Time time(long seconds) {
    return Meta.Time.newBuilder().setSeconds(seconds).build();
  }

  static Meta.MicroTime microTime(long seconds, int nanos) {
    return Meta.MicroTime.newBuilder().setSeconds(seconds).setNanos(nanos).build();
  }

  static ByteString utf8(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  static Runtime.RawExtension raw(String json) {
    return Runtime.RawExtension.newBuilder().setRaw(utf8(json)).build();
  }
}
