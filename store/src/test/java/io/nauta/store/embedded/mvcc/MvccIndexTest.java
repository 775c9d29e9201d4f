package io.nauta.store.embedded.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nauta.store.Event;
import io.nauta.store.KeyValue;
import io.nauta.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MvccIndexTest {

  private final MvccIndex index = new MvccIndex();
  private long revision;

  private Event put(String key, String value) {
    return index.put(++revision, key, value.getBytes(StandardCharsets.UTF_8));
  }

  private Event delete(String key) {
    return index.delete(++revision, key);
  }

  @Test
  void readsSeeTheVersionCurrentAtTheirRevision() {
    put("/a", "1"); // 1
    put("/a", "2"); // 2
    delete("/a"); // 3
    put("/a", "3"); // 4

    assertThat(index.get("/a", 1).version()).isEqualTo(1);
    assertThat(index.get("/a", 2).version()).isEqualTo(2);
    assertThat(index.get("/a", 3)).isNull();
    assertThat(index.get("/a", 4).createRevision()).isEqualTo(4);
    assertThat(index.get("/a", 4).version()).isEqualTo(1);
  }

  @Test
  void compactionKeepsTheNewestLiveVersionBelowTheCompactRevision() {
    put("/a", "1"); // 1
    put("/a", "2"); // 2
    put("/b", "1"); // 3
    delete("/b"); // 4
    put("/a", "3"); // 5

    index.compact(5);

    assertThat(index.get("/a", 5).modRevision()).isEqualTo(5);
    assertThat(index.get("/b", 5)).isNull();
    assertThat(index.liveAt(4)).extracting(KeyValue::modRevision).containsExactly(2L);
    assertThat(index.event(5).prevKv().modRevision())
        .as("first kept event has its previous")
        .isEqualTo(2);
    assertThat(index.event(4)).isNull();
    StoreException error = catchThrowableOfType(StoreException.class, () -> index.get("/a", 4));
    assertThat(error.code()).isEqualTo(StoreException.Code.COMPACTED);
  }

  @Test
  void compactionForgetsDeletedKeysEntirely() {
    put("/gone", "1");
    delete("/gone");
    put("/kept", "1");

    index.compact(3);

    assertThat(index.latest("/gone")).isNull();
    assertThat(index.liveAt(3)).extracting(KeyValue::key).containsExactly("/kept");
  }

  @Test
  void restoredIndexContinuesFromTheSnapshot() {
    KeyValue a = new KeyValue("/a", new byte[] {1}, 3, 7, 2);
    MvccIndex restored = MvccIndex.restore(9, List.of(a));

    Event next = restored.put(9, "/a", new byte[] {2});

    assertThat(next.prevKv()).isSameAs(a);
    assertThat(next.kv().version()).isEqualTo(3);
    assertThat(next.kv().createRevision()).isEqualTo(3);
    assertThat(restored.event(9)).isSameAs(next);
    assertThat(restored.get("/a", 9).modRevision()).isEqualTo(9);
    assertThat(restored.compactRevision()).isEqualTo(9);
  }

  @Test
  void eventsSpanChunkBoundariesAndTrimByChunk() {
    for (int i = 0; i < 5000; i++) {
      put("/k" + (i % 10), "v" + i);
    }

    index.compact(3000);

    assertThat(index.event(2999)).isNull();
    for (long r = 3000; r <= 5000; r++) {
      assertThat(index.event(r).revision()).isEqualTo(r);
    }
  }
}
