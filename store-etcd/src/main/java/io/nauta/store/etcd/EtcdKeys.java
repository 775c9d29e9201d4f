package io.nauta.store.etcd;

import com.google.protobuf.ByteString;
import io.nauta.store.KeyValue;
import java.nio.charset.StandardCharsets;

/**
 * Maps Nauta keys to etcd keys under a fixed prefix and back, and etcd's key versions to {@link
 * KeyValue}s. Both sides compare keys as UTF-8 bytes, so key order is preserved.
 */
final class EtcdKeys {

  /** etcd's "every key from here on" range end. */
  private static final ByteString ALL = ByteString.copyFrom(new byte[] {0});

  private final ByteString prefix;

  EtcdKeys(String prefix) {
    this.prefix = ByteString.copyFromUtf8(prefix);
  }

  ByteString key(String key) {
    return prefix.concat(ByteString.copyFromUtf8(key));
  }

  /** The end (exclusive) of the range of every key starting with {@code keyPrefix}. */
  ByteString rangeEnd(String keyPrefix) {
    byte[] bytes = key(keyPrefix).toByteArray();
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] != (byte) 0xff) {
        byte[] end = new byte[i + 1];
        System.arraycopy(bytes, 0, end, 0, i + 1);
        end[i]++;
        return ByteString.copyFrom(end);
      }
    }
    return ALL;
  }

  /** The first key of the range of every key starting with {@code keyPrefix}. */
  ByteString rangeStart(String keyPrefix) {
    ByteString start = key(keyPrefix);
    return start.isEmpty() ? ALL : start;
  }

  String name(ByteString etcdKey) {
    return etcdKey.substring(prefix.size()).toString(StandardCharsets.UTF_8);
  }

  KeyValue keyValue(io.nauta.store.etcd.wire.KeyValue kv) {
    return new KeyValue(
        name(kv.getKey()),
        kv.getValue().toByteArray(),
        kv.getCreateRevision(),
        kv.getModRevision(),
        kv.getVersion());
  }
}
