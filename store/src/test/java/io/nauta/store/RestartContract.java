package io.nauta.store;

import static io.nauta.store.ContractFixture.assertKeyValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What must survive closing the store and opening it again; skipped for non-durable engines. */
public interface RestartContract extends ContractFixture {

  @Test
  default void acknowledgedWritesSurviveRestart() {
    long a1 = create("/a", "a1").revision();
    long a2 = update("/a", "a2", a1).revision();
    long b1 = create("/b", "b1").revision();
    long b2 = delete("/b", b1).revision();

    restart();

    assertThat(store().currentRevision()).isEqualTo(b2);
    assertKeyValue(store().get("/a"), "/a", "a2", a1, a2, 2);
    assertThat(store().get("/b")).isNull();
    assertThat(create("/c", "c1").revision()).as("revisions continue").isEqualTo(b2 + 1);
  }

  @Test
  default void compactRevisionSurvivesRestart() {
    long a1 = create("/a", "a1").revision();
    long a2 = update("/a", "a2", a1).revision();
    update("/a", "a3", a2);
    store().compact(a2);

    restart();

    assertThat(store().compactRevision()).isEqualTo(a2);
    StoreException error =
        catchThrowableOfType(
            StoreException.class, () -> store().range(new RangeRequest("", null, 0, a1)));
    assertThat(error.code()).isEqualTo(StoreException.Code.COMPACTED);
    assertThat(store().range(new RangeRequest("", null, 0, a2)).items()).hasSize(1);
  }

  @Test
  default void watchOrderingAcrossRestarts() {
    long start = store().currentRevision();
    List<String> keys = IntStream.range(0, 50).mapToObj(i -> "/r/" + (i % 7) + "/" + i).toList();
    createAll(keys);
    for (String key : keys.subList(0, 20)) {
      update(key, key + "-updated", 0);
    }
    for (String key : keys.subList(10, 15)) {
      delete(key, 0);
    }
    long end = store().currentRevision();
    long compactTo = end - 30;
    RecordingListener before = new RecordingListener();
    try (Watch watch = store().watch("/r/", start, before)) {
      before.awaitRevision(end);
    }
    store().compact(compactTo);

    restart();

    RecordingListener after = new RecordingListener();
    RecordingListener tooOld = new RecordingListener();
    try (Watch watch = store().watch("/r/", compactTo - 1, after);
        Watch old = store().watch("/r/", compactTo - 2, tooOld)) {
      long next = create("/r/new", "new").revision();
      assertThat(next).isEqualTo(end + 1);
      after.awaitRevision(next);

      // before's events are the revisions start+1..end, in order
      List<Event> expected =
          before.events().subList((int) (compactTo - start - 1), (int) (end - start));
      List<Event> replayed = after.events().subList(0, expected.size());
      assertThat(replayed)
          .extracting(Event::revision)
          .isEqualTo(expected.stream().map(Event::revision).toList());
      assertThat(replayed)
          .extracting(Event::type)
          .isEqualTo(expected.stream().map(Event::type).toList());
      assertThat(replayed)
          .extracting(e -> e.kv().key() + "=" + ContractFixture.text(e.kv()))
          .isEqualTo(
              expected.stream()
                  .map(e -> e.kv().key() + "=" + ContractFixture.text(e.kv()))
                  .toList());
      assertThat(replayed)
          .extracting(RestartContract::previousRevision)
          .isEqualTo(expected.stream().map(RestartContract::previousRevision).toList());
      assertThat(after.revisions().getLast()).isEqualTo(next);
      assertThat(tooOld.awaitError().code()).isEqualTo(StoreException.Code.COMPACTED);
    }
  }

  private static long previousRevision(Event event) {
    return event.prevKv() == null ? 0 : event.prevKv().modRevision();
  }
}
