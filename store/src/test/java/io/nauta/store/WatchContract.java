package io.nauta.store;

import static io.nauta.store.ContractFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.store.Event.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Watches: replay, live streaming, ordering, progress and the ways a watch ends. */
public interface WatchContract extends ContractFixture {

  @Test
  default void watchDeliversEveryEventInOrderWithoutGaps() throws Exception {
    long start = store().currentRevision();
    RecordingListener fromStart = new RecordingListener();
    RecordingListener fromNow = new RecordingListener();
    RecordingListener fromPast = new RecordingListener();
    try (Watch w1 = store().watch("/w/", start, fromStart)) {
      CompletableFuture<List<Void>> writers =
          CompletableFuture.supplyAsync(() -> writeChurn(4, 250, "/w/"));
      await().atMost(Duration.ofSeconds(30)).until(() -> store().currentRevision() >= start + 300);
      long now = store().currentRevision();
      try (Watch w2 = store().watch("/w/", now, fromNow);
          Watch w3 = store().watch("/w/", start + 100, fromPast)) {
        ContractFixture.await(writers);
        long end = store().currentRevision();
        assertThat(end).isEqualTo(start + 1000);
        fromStart.awaitRevision(end);
        fromPast.awaitRevision(end);
        if (end > now) {
          fromNow.awaitRevision(end);
        }

        assertThat(fromStart.revisions()).isEqualTo(range(start + 1, end));
        assertThat(fromNow.revisions()).isEqualTo(range(now + 1, end));
        assertThat(fromPast.revisions()).isEqualTo(range(start + 101, end));
        assertThat(replay(fromStart.events())).isEqualTo(contents("/w/"));
      }
    }
  }

  @Test
  default void watchFromPastRevisionReplays() {
    long r1 = create("/p/a", "1").revision();
    create("/q/x", "x");
    long r3 = update("/p/a", "2", r1).revision();
    long r4 = create("/p/b", "3").revision();
    RecordingListener listener = new RecordingListener();

    try (Watch watch = store().watch("/p/", r1, listener)) {
      long r5 = delete("/p/b", r4).revision();
      listener.awaitRevision(r5);

      assertThat(listener.revisions()).containsExactly(r3, r4, r5);
      assertThat(listener.events())
          .extracting(Event::type)
          .containsExactly(Type.PUT, Type.PUT, Type.DELETE);
      assertThat(listener.events().get(1).isCreate()).isTrue();
    }
  }

  @Test
  default void watchFromCompactedRevisionFails() {
    long r1 = create("/a", "1").revision();
    long r2 = update("/a", "2", r1).revision();
    long r3 = update("/a", "3", r2).revision();
    store().compact(r3);
    RecordingListener tooOld = new RecordingListener();
    RecordingListener oldest = new RecordingListener();

    try (Watch w1 = store().watch("", r3 - 2, tooOld);
        Watch w2 = store().watch("", r3 - 1, oldest)) {
      assertThat(tooOld.awaitError().code()).isEqualTo(StoreException.Code.COMPACTED);
      assertThat(tooOld.calls()).hasSize(1);
      oldest.awaitRevision(r3);
      assertThat(oldest.revisions()).containsExactly(r3);
      if (keepsPreviousVersionsAtCompactRevision()) {
        assertThat(text(oldest.events().getFirst().prevKv())).isEqualTo("2");
      }
    }
  }

  @Test
  default void watchAtCurrentRevisionSeesOnlyNewEvents() {
    create("/a", "1");
    RecordingListener listener = new RecordingListener();

    try (Watch watch = store().watch("", store().currentRevision(), listener)) {
      long rb = create("/b", "1").revision();
      listener.awaitRevision(rb);

      assertThat(listener.revisions()).containsExactly(rb);
    }
  }

  @Test
  default void watchFromFutureRevisionStartsThere() {
    long current = store().currentRevision();
    RecordingListener listener = new RecordingListener();

    try (Watch watch = store().watch("", current + 2, listener)) {
      create("/a", "1");
      create("/b", "1");
      long r3 = create("/c", "1").revision();
      listener.awaitRevision(r3);

      assertThat(listener.revisions()).containsExactly(current + 3);
    }
  }

  @Test
  default void watchEventsCarryPreviousVersions() {
    RecordingListener listener = new RecordingListener();
    try (Watch watch = store().watch("/e", store().currentRevision(), listener)) {
      WriteResult v1 = create("/e", "1");
      WriteResult v2 = update("/e", "2", v1.revision());
      WriteResult deleted = delete("/e", v2.revision());
      listener.awaitRevision(deleted.revision());

      List<Event> events = listener.events();
      assertThat(events.get(0).isCreate()).isTrue();
      assertThat(text(events.get(0).kv())).isEqualTo("1");
      assertThat(events.get(1).prevKv().modRevision()).isEqualTo(v1.revision());
      assertThat(text(events.get(1).kv())).isEqualTo("2");
      assertThat(events.get(2).type()).isEqualTo(Type.DELETE);
      assertThat(events.get(2).revision()).isEqualTo(deleted.revision());
      assertThat(events.get(2).kv().modRevision()).isEqualTo(v2.revision());
      assertThat(text(events.get(2).prevKv())).isEqualTo("2");
    }
  }

  @Test
  default void progressNotification() {
    RecordingListener listener = new RecordingListener();
    try (Watch watch = store().watch("/x/", store().currentRevision(), listener)) {
      long rx = create("/x/a", "1").revision();
      long ry = create("/y/b", "2").revision();
      watch.requestProgress();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  listener.calls().stream().anyMatch(RecordingListener.Progress.class::isInstance));
      List<Object> calls = listener.calls();
      assertThat(calls).hasSize(2);
      assertThat(((Event) calls.get(0)).revision()).isEqualTo(rx);
      assertThat(((RecordingListener.Progress) calls.get(1)).revision()).isGreaterThanOrEqualTo(ry);
    }
  }

  @Test
  default void closedWatchStopsDelivery() {
    RecordingListener closed = new RecordingListener();
    RecordingListener open = new RecordingListener();
    Watch watch = store().watch("", store().currentRevision(), closed);
    try (Watch other = store().watch("", store().currentRevision(), open)) {
      long first = create("/a", "1").revision();
      closed.awaitRevision(first);
      watch.close();
      long last =
          createAll(List.of("/b", "/c", "/d")).stream()
              .mapToLong(WriteResult::revision)
              .max()
              .orElseThrow();
      open.awaitRevision(last);

      assertThat(closed.events()).hasSizeLessThanOrEqualTo(2);
      assertThat(closed.error()).isNull();
    }
  }

  @Test
  default void slowWatcherIsEnded() {
    RecordingListener slow = RecordingListener.blocked();
    int count = slowWatcherThreshold() * 2 + 10;
    long start = store().currentRevision();
    try (Watch watch = store().watch("/slow/", start, slow)) {
      // concurrent writes may be committed in any order: the newest is the largest revision
      long end =
          createAll(IntStream.range(0, count).mapToObj(i -> "/slow/" + i).toList()).stream()
              .mapToLong(WriteResult::revision)
              .max()
              .orElseThrow();
      slow.unblock();

      assertThat(slow.awaitError().code()).isEqualTo(StoreException.Code.SLOW_WATCHER);
      assertThat(slow.events()).hasSizeLessThan(count);
      long resumeAfter = slow.events().isEmpty() ? start : slow.revisions().getLast();
      RecordingListener again = new RecordingListener();
      try (Watch rewatch = store().watch("/slow/", resumeAfter, again)) {
        again.awaitRevision(end);
        assertThat(again.revisions()).isEqualTo(range(resumeAfter + 1, end));
      }
    }
  }

  /** Each thread creates, updates and deletes its own keys; every call takes one revision. */
  private List<Void> writeChurn(int threads, int writesPerThread, String prefix) {
    try {
      return ConcurrencyContract.runConcurrently(
          threads,
          t -> {
            for (int i = 0; i < writesPerThread; i++) {
              String key = prefix + t + "/" + (i % 10);
              KeyValue current = store().get(key);
              if (current == null) {
                create(key, "v" + i);
              } else if (i % 3 == 0) {
                delete(key, current.modRevision());
              } else {
                update(key, "v" + i, current.modRevision());
              }
            }
            return null;
          });
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  private static Map<String, String> replay(List<Event> events) {
    Map<String, String> state = new TreeMap<>();
    for (Event event : events) {
      if (event.type() == Type.PUT) {
        state.put(event.kv().key(), text(event.kv()));
      } else {
        state.remove(event.kv().key());
      }
    }
    return state;
  }

  private Map<String, String> contents(String prefix) {
    Map<String, String> state = new TreeMap<>();
    store().range(RangeRequest.prefix(prefix)).items().forEach(kv -> state.put(kv.key(), text(kv)));
    return state;
  }
}
