package io.nauta.store;

import static io.nauta.store.ContractFixture.keys;
import static io.nauta.store.ContractFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Compaction: old history goes, everything at or after the compact revision stays. */
public interface CompactionContract extends ContractFixture {

  @Test
  default void compactionKeepsLatest() {
    long a1 = create("/a", "a1").revision();
    long a2 = update("/a", "a2", a1).revision();
    long b1 = create("/b", "b1").revision();
    delete("/b", b1);
    long c1 = create("/c", "c1").revision();

    store().compact(c1);

    assertThat(store().compactRevision()).isEqualTo(c1);
    assertThat(text(store().get("/a"))).isEqualTo("a2");
    assertThat(store().get("/a").modRevision()).isEqualTo(a2);
    assertThat(store().get("/b")).isNull();
    assertThat(keys(store().range(new RangeRequest("", null, 0, c1)))).containsExactly("/a", "/c");
    StoreException error =
        catchThrowableOfType(
            StoreException.class, () -> store().range(new RangeRequest("", null, 0, c1 - 1)));
    assertThat(error.code()).isEqualTo(StoreException.Code.COMPACTED);
  }

  @Test
  default void historyFromTheCompactRevisionOnRemainsReadable() {
    long a1 = create("/a", "a1").revision();
    long a2 = update("/a", "a2", a1).revision();
    long b1 = create("/b", "b1").revision();
    long a3 = update("/a", "a3", a2).revision();
    long b2 = delete("/b", b1).revision();

    store().compact(b1);

    assertThat(texts(b1)).containsExactly("a2", "b1");
    assertThat(texts(a3)).containsExactly("a3", "b1");
    assertThat(texts(b2)).containsExactly("a3");
  }

  @Test
  default void compactingToAnOlderRevisionIsANoOp() {
    long a1 = create("/a", "a1").revision();
    long a2 = update("/a", "a2", a1).revision();
    store().compact(a2);

    store().compact(a1);

    assertThat(store().compactRevision()).isEqualTo(a2);
    assertThat(text(store().get("/a"))).isEqualTo("a2");
  }

  @Test
  default void compactingTheFutureFails() {
    long current = create("/a", "a1").revision();

    StoreException error =
        catchThrowableOfType(StoreException.class, () -> store().compact(current + 1));

    assertThat(error.code()).isEqualTo(StoreException.Code.FUTURE_REVISION);
    assertThat(store().compactRevision()).isLessThanOrEqualTo(current);
  }

  @Test
  default void writesContinueAfterCompaction() {
    long a1 = create("/a", "a1").revision();
    store().compact(a1);

    WriteResult updated = update("/a", "a2", a1);

    assertThat(updated.ok()).isTrue();
    assertThat(updated.kv().version()).isEqualTo(2);
    assertThat(updated.kv().createRevision()).isEqualTo(a1);
  }

  private java.util.List<String> texts(long revision) {
    return store().range(new RangeRequest("", null, 0, revision)).items().stream()
        .map(ContractFixture::text)
        .toList();
  }
}
