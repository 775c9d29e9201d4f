package io.nauta.store.cache;

import static io.nauta.store.ContractFixture.await;
import static io.nauta.store.ContractFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.store.Event;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RangeResult;
import io.nauta.store.RecordingListener;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the cache spares the store beneath, and how it behaves when its own watch is lost. */
@Timeout(60)
class WatchCacheTest {

  @TempDir Path dir;
  private EmbeddedStore beneath;
  private CountingStore counting;
  private WatchCache cache;

  @BeforeEach
  void open() {
    beneath = EmbeddedStore.open(dir);
    counting = new CountingStore(beneath);
    cache = WatchCache.open(counting, WatchCacheOptions.defaults().withWindowEvents(100));
  }

  @AfterEach
  void close() {
    cache.close();
  }

  @Test
  void aThousandWatchesShareOneWatchOfTheStoreAndAllSeeEveryEvent() {
    List<RecordingListener> listeners = new ArrayList<>();
    long from = cache.currentRevision();
    for (int i = 0; i < 1000; i++) {
      RecordingListener listener = new RecordingListener();
      listeners.add(listener);
      cache.watch("/pods/", from, listener);
    }
    long last = 0;
    for (int i = 0; i < 20; i++) {
      last = await(cache.create("/pods/p" + i, bytes("v"))).revision();
    }
    long lastRevision = last;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> listeners.stream().allMatch(l -> l.revisions().contains(lastRevision)));
    for (RecordingListener listener : listeners) {
      assertThat(listener.events()).hasSize(20);
    }
    assertThat(counting.watches).hasValue(1);
    assertThat(cache.watchCount()).isEqualTo(1000);
  }

  @Test
  void aListAtTheLatestRevisionSeesAWriteMadeBeneathTheCache() {
    // another API server writing to the same etcd is a write the cache did not make
    long written = await(beneath.create("/pods/elsewhere", bytes("v"))).revision();
    RangeResult listed = cache.range(RangeRequest.prefix("/pods/"));
    assertThat(listed.revision()).isGreaterThanOrEqualTo(written);
    assertThat(listed.items()).extracting(KeyValue::key).containsExactly("/pods/elsewhere");
  }

  @Test
  void listsAndTheirContinuationsAreServedFromMemoryWhileWritesGoOn() {
    for (int i = 0; i < 30; i++) {
      await(cache.create(String.format("/cm/%02d", i), bytes("v")));
    }
    int before = counting.ranges.get();
    RangeResult first = cache.range(new RangeRequest("/cm/", null, 10, 0));
    assertThat(first.items()).hasSize(10);
    assertThat(first.remaining()).isEqualTo(20);
    await(cache.create("/cm/00a", bytes("later")));
    await(cache.delete("/cm/15", 0));
    List<String> keys = new ArrayList<>(first.items().stream().map(KeyValue::key).toList());
    RangeResult page = first;
    while (page.more()) {
      String next = page.items().get(page.items().size() - 1).key() + "\u0000";
      page = cache.range(new RangeRequest("/cm/", next, 10, first.revision()));
      assertThat(page.revision()).isEqualTo(first.revision());
      page.items().forEach(kv -> keys.add(kv.key()));
    }
    assertThat(keys).hasSize(30).doesNotContain("/cm/00a").contains("/cm/15");
    assertThat(counting.ranges.get()).isEqualTo(before);
  }

  @Test
  void aWatchFromBeforeTheWindowIsServedByTheStoreBeneath() {
    long start = cache.currentRevision();
    for (int i = 0; i < 150; i++) {
      await(cache.create("/w/" + i, bytes("v")));
    }
    RecordingListener listener = new RecordingListener();
    int before = counting.watches.get();
    cache.watch("/w/", start, listener);
    listener.awaitRevision(start + 150);
    assertThat(listener.events()).hasSize(150);
    assertThat(counting.watches.get()).isEqualTo(before + 1);
  }

  @Test
  void losingItsWatchEndsTheCacheWatchesWithCompactedAndTheCacheRecovers() {
    RecordingListener listener = new RecordingListener();
    Watch watch = cache.watch("/x/", cache.currentRevision(), listener);
    counting.lastWatcher.onError(new StoreException(StoreException.Code.SLOW_WATCHER, "test"));
    assertThat(listener.awaitError().code()).isEqualTo(StoreException.Code.COMPACTED);
    watch.close();
    long written = await(cache.create("/x/after", bytes("v"))).revision();
    RecordingListener again = new RecordingListener();
    cache.watch("/x/", written - 1, again);
    again.awaitRevision(written);
    assertThat(again.events()).extracting(Event::revision).containsExactly(written);
    assertThat(cache.range(RangeRequest.prefix("/x/")).items()).hasSize(1);
  }

  @Test
  void peekReadsMemoryOrTheStoreAsConfigured() {
    await(beneath.create("/p/k", bytes("v1")));
    await().atMost(Duration.ofSeconds(10)).until(() -> cache.peek("/p/k") != null);
    assertThat(cache.peek("/p/missing")).isNull();
    // closed with the store beneath, after the test
    WatchCache direct =
        WatchCache.open(
            new CountingStore(beneath), WatchCacheOptions.defaults().withCachedPeeks(false));
    long written = await(beneath.update("/p/k", bytes("v2"), 0)).revision();
    assertThat(direct.peek("/p/k").modRevision())
        .as("without cached peeks a peek is the store's own read")
        .isEqualTo(written);
  }

  @Test
  void aSmallPageOfABigCollectionIsCountedNotKeptAndItsContinuationReadsTheStore() {
    int keys = 2 * WatchCache.SNAPSHOT_PAGES + 5; // more than SNAPSHOT_PAGES pages of 2
    for (int i = 0; i < keys; i++) {
      await(cache.create(String.format("/big/%03d", i), bytes("v")));
    }
    RangeResult first = cache.range(new RangeRequest("/big/", null, 2, 0));
    assertThat(first.items()).hasSize(2);
    assertThat(first.remaining()).isEqualTo(keys - 2);
    await(cache.create("/big/000a", bytes("later")));
    int before = counting.ranges.get();
    RangeResult next =
        cache.range(
            new RangeRequest("/big/", first.items().get(1).key() + "\u0000", 2, first.revision()));
    assertThat(next.items()).extracting(KeyValue::key).containsExactly("/big/002", "/big/003");
    assertThat(counting.ranges.get())
        .as("read from the store at the first page's revision")
        .isEqualTo(before + 1);
  }
}
