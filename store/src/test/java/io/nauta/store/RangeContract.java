package io.nauta.store;

import static io.nauta.store.ContractFixture.keys;
import static io.nauta.store.ContractFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Prefix range reads, paging and reads of the past. */
public interface RangeContract extends ContractFixture {

  @Test
  default void rangeWithPrefixLimitAndContinuation() {
    List<String> items =
        IntStream.range(0, 10_000).mapToObj(i -> "/items/%05d".formatted(i)).toList();
    createAll(items);
    createAll(List.of("/items", "/itemsX", "/other/1", "/"));
    int limit = 700;

    RangeResult first = store().range(new RangeRequest("/items/", null, limit, 0));
    long revision = first.revision();
    create("/items/00000-late", "written while paging");
    List<String> seen = new ArrayList<>(keys(first));
    RangeResult page = first;
    assertThat(first.more()).isTrue();
    assertThat(first.remaining()).isEqualTo(items.size() - limit);
    while (page.more()) {
      String next = page.items().getLast().key() + "\0";
      page = store().range(new RangeRequest("/items/", next, limit, revision));
      assertThat(page.revision()).isEqualTo(revision);
      assertThat(page.remaining()).isEqualTo(items.size() - seen.size() - page.items().size());
      seen.addAll(keys(page));
    }

    assertThat(page.remaining()).isZero();
    assertThat(seen).as("every key once, in order, as of the first page").isEqualTo(items);
    assertThat(store().range(new RangeRequest("/items/", null, 0, 0)).items()).hasSize(10_001);
  }

  @Test
  default void rangeAtOldRevision() {
    long r1 = create("/a", "a1").revision();
    long r2 = create("/b", "b1").revision();
    long r3 = update("/a", "a2", r1).revision();
    long r4 = delete("/b", r2).revision();

    assertThat(contents(r1)).containsExactly("/a=a1");
    assertThat(contents(r2)).containsExactly("/a=a1", "/b=b1");
    assertThat(contents(r3)).containsExactly("/a=a2", "/b=b1");
    assertThat(contents(r4)).containsExactly("/a=a2");
    assertThat(store().range(new RangeRequest("", null, 0, r2)).revision()).isEqualTo(r2);
  }

  @Test
  default void rangeAtCompactedRevisionFails() {
    long r1 = create("/a", "a1").revision();
    long r2 = update("/a", "a2", r1).revision();
    update("/a", "a3", r2);
    store().compact(r2);

    StoreException error =
        catchThrowableOfType(
            StoreException.class, () -> store().range(new RangeRequest("", null, 0, r1)));

    assertThat(error.code()).isEqualTo(StoreException.Code.COMPACTED);
    assertThat(contents(r2)).containsExactly("/a=a2");
  }

  @Test
  default void futureRevisionFails() {
    long current = create("/a", "a1").revision();

    StoreException error =
        catchThrowableOfType(
            StoreException.class, () -> store().range(new RangeRequest("", null, 0, current + 1)));

    assertThat(error.code()).isEqualTo(StoreException.Code.FUTURE_REVISION);
  }

  @Test
  default void manyKeys() {
    int count = 20_000;
    List<String> all = IntStream.range(0, count).mapToObj(i -> "/many/" + i).toList();
    createAll(all);

    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      String key = all.get(random.nextInt(count));
      assertThat(text(store().get(key))).isEqualTo(key);
    }
    RangeResult one = store().range(new RangeRequest("/many/", null, 1, 0));
    assertThat(one.items()).hasSize(1);
    assertThat(one.remaining()).isEqualTo(count - 1);
    assertThat(store().range(RangeRequest.prefix("/many/")).items()).hasSize(count);
  }

  private List<String> contents(long revision) {
    return store().range(new RangeRequest("", null, 0, revision)).items().stream()
        .map(kv -> kv.key() + "=" + text(kv))
        .toList();
  }
}
