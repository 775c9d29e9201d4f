package io.nauta.store.cache;

import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RangeResult;
import io.nauta.store.Store;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import io.nauta.store.WriteResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that counts the reads and watches that reach it, to see what a cache spared it. */
final class CountingStore implements Store {
  final Store store;
  final AtomicInteger ranges = new AtomicInteger();
  final AtomicInteger watches = new AtomicInteger();
  volatile WatchListener lastWatcher;

  CountingStore(Store store) {
    this.store = store;
  }

  @Override
  public long currentRevision() {
    return store.currentRevision();
  }

  @Override
  public long compactRevision() {
    return store.compactRevision();
  }

  @Override
  public KeyValue get(String key) {
    return store.get(key);
  }

  @Override
  public RangeResult range(RangeRequest request) {
    ranges.incrementAndGet();
    return store.range(request);
  }

  @Override
  public CompletableFuture<WriteResult> create(String key, byte[] value) {
    return store.create(key, value);
  }

  @Override
  public CompletableFuture<WriteResult> update(String key, byte[] value, long expected) {
    return store.update(key, value, expected);
  }

  @Override
  public CompletableFuture<WriteResult> delete(String key, long expected) {
    return store.delete(key, expected);
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    watches.incrementAndGet();
    lastWatcher = listener;
    return store.watch(prefix, afterRevision, listener);
  }

  @Override
  public void compact(long revision) {
    store.compact(revision);
  }

  @Override
  public void close() {
    store.close();
  }
}
