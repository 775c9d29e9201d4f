package io.nauta.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.nauta.store.etcd.wire.KeyValue;
import org.junit.jupiter.api.Test;

class EtcdKeysTest {

  @Test
  void rangeOfAPrefixEndsAfterItsLastKey() {
    EtcdKeys keys = new EtcdKeys("/ns");

    assertThat(keys.rangeStart("/a/").toStringUtf8()).isEqualTo("/ns/a/");
    assertThat(keys.rangeEnd("/a/").toStringUtf8()).isEqualTo("/ns/a0");
  }

  @Test
  void rangeEndIncrementsTheLastByte() {
    EtcdKeys keys = new EtcdKeys("");
    String prefix = "a\uFFFF"; // UTF-8 61 EF BF BF

    assertThat(keys.rangeEnd(prefix).toByteArray())
        .containsExactly((byte) 0x61, (byte) 0xEF, (byte) 0xBF, (byte) 0xC0);
  }

  @Test
  void emptyPrefixMeansEveryKey() {
    EtcdKeys keys = new EtcdKeys("");

    assertThat(keys.rangeStart("").toByteArray()).containsExactly((byte) 0);
    assertThat(keys.rangeEnd("").toByteArray()).containsExactly((byte) 0);
  }

  @Test
  void keysReadBackLoseThePrefix() {
    EtcdKeys keys = new EtcdKeys("/ns");
    KeyValue stored =
        KeyValue.newBuilder()
            .setKey(ByteString.copyFromUtf8("/ns/a"))
            .setValue(ByteString.copyFromUtf8("v"))
            .setCreateRevision(3)
            .setModRevision(5)
            .setVersion(2)
            .build();

    io.nauta.store.KeyValue kv = keys.keyValue(stored);

    assertThat(kv.key()).isEqualTo("/a");
    assertThat(kv.createRevision()).isEqualTo(3);
    assertThat(kv.modRevision()).isEqualTo(5);
    assertThat(kv.version()).isEqualTo(2);
  }
}
