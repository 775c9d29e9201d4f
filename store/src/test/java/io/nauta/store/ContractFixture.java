package io.nauta.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What every contract of the {@link StoreContractTest} kit needs: the store under test, a way to
 * restart it, and shorthands for writing and checking keys.
 */
public interface ContractFixture {

  /** The store under test, fresh and empty for each test. */
  Store store();

  /**
   * Closes the store and opens it again on the same data, as after a process restart; aborts the
   * calling test if the engine cannot do that.
   */
  Store restart();

  /** How many undelivered events an engine tolerates before ending a watch as too slow. */
  default int slowWatcherThreshold() {
    return 10_000;
  }

  /**
   * Whether a watch starting at the compact revision still gets the version before each event as
   * {@link Event#prevKv()}. etcd discards it with the compaction; the embedded engine keeps it.
   */
  default boolean keepsPreviousVersionsAtCompactRevision() {
    return true;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String text(KeyValue kv) {
    return new String(kv.value(), StandardCharsets.UTF_8);
  }

  /** Waits (boundedly) for a store future. */
  static <T> T await(CompletableFuture<T> future) {
    return future.orTimeout(30, TimeUnit.SECONDS).join();
  }

  default WriteResult create(String key, String value) {
    return await(store().create(key, bytes(value)));
  }

  default WriteResult update(String key, String value, long expectedModRevision) {
    return await(store().update(key, bytes(value), expectedModRevision));
  }

  default WriteResult delete(String key, long expectedModRevision) {
    return await(store().delete(key, expectedModRevision));
  }

  /** Creates every key (value: the key itself) without waiting in between; results in order. */
  default List<WriteResult> createAll(Collection<String> keys) {
    List<CompletableFuture<WriteResult>> futures = new ArrayList<>(keys.size());
    for (String key : keys) {
      futures.add(store().create(key, bytes(key)));
    }
    List<WriteResult> results = new ArrayList<>(keys.size());
    for (CompletableFuture<WriteResult> future : futures) {
      WriteResult result = await(future);
      assertThat(result.outcome()).isEqualTo(WriteResult.Outcome.OK);
      results.add(result);
    }
    return results;
  }

  /** Asserts every field of {@code kv}. */
  static void assertKeyValue(
      KeyValue kv, String key, String value, long createRevision, long modRevision, long version) {
    assertThat(kv).as("key %s", key).isNotNull();
    assertThat(kv.key()).isEqualTo(key);
    assertThat(text(kv)).as("value of %s", key).isEqualTo(value);
    assertThat(kv.createRevision()).as("createRevision of %s", key).isEqualTo(createRevision);
    assertThat(kv.modRevision()).as("modRevision of %s", key).isEqualTo(modRevision);
    assertThat(kv.version()).as("version of %s", key).isEqualTo(version);
  }

  /** The keys of a range result, in order. */
  static List<String> keys(RangeResult result) {
    return result.items().stream().map(KeyValue::key).toList();
  }
}
