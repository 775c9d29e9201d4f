package io.nauta.store.embedded;

import io.nauta.store.StoreException;
import io.nauta.store.StoreMetrics;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what an engine reports; thread-safe. */
final class CountingMetrics implements StoreMetrics {
  final AtomicLong syncs = new AtomicLong();
  final AtomicLong writes = new AtomicLong();
  final AtomicLong compactions = new AtomicLong();
  final AtomicLong snapshots = new AtomicLong();
  final AtomicLong slowWatchers = new AtomicLong();

  @Override
  public void batchCommitted(int writes, long syncNanos) {
    syncs.incrementAndGet();
    this.writes.addAndGet(writes);
  }

  @Override
  public void compacted(long revision) {
    compactions.incrementAndGet();
  }

  @Override
  public void snapshotWritten(long compactRevision, long keys, long nanos) {
    snapshots.incrementAndGet();
  }

  @Override
  public void watchEnded(StoreException.Code code) {
    if (code == StoreException.Code.SLOW_WATCHER) {
      slowWatchers.incrementAndGet();
    }
  }
}
