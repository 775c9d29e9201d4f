package io.nauta.store.embedded;

import io.nauta.store.KeyValue;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import io.nauta.store.embedded.log.DataDirectory;
import io.nauta.store.embedded.log.SnapshotFile;
import io.nauta.store.embedded.log.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background upkeep on one thread: the automatic compactor, and snapshots that let old log segments
 * be deleted.
 *
 * <p>A snapshot is an optimisation, never a source of truth the log lacks: the compaction itself is
 * already durable as a log record when a snapshot is scheduled. So a snapshot that fails or is cut
 * short by a crash costs only disk space, and snapshots that pile up are coalesced to the newest.
 */
final class Maintenance implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private record PendingSnapshot(long compactRevision, List<KeyValue> keys) {}

  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("nauta-store-maintenance").daemon().factory());
  private final AtomicReference<PendingSnapshot> pending = new AtomicReference<>();
  private final DataDirectory directory;
  private final WriteAheadLog wal;
  private final EmbeddedOptions options;
  private long previousTickRevision; // maintenance thread only

  Maintenance(DataDirectory directory, WriteAheadLog wal, EmbeddedOptions options) {
    this.directory = directory;
    this.wal = wal;
    this.options = options;
  }

  /** Starts compacting {@code store} automatically, if the options ask for it. */
  void startCompactor(Store store) {
    long interval = options.compactionInterval().toNanos();
    if (interval > 0) {
      previousTickRevision = store.currentRevision();
      executor.scheduleWithFixedDelay(
          () -> compactOnce(store), interval, interval, TimeUnit.NANOSECONDS);
    }
  }

  private void compactOnce(Store store) {
    try {
      long current = store.currentRevision();
      long target = previousTickRevision;
      if (options.compactionRetainedRevisions() > 0) {
        target = Math.max(target, current - options.compactionRetainedRevisions());
      }
      previousTickRevision = current;
      if (target > store.compactRevision()) {
        store.compact(target);
      }
    } catch (StoreException e) {
      LOG.debug("Automatic compaction skipped: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("Automatic compaction failed", e);
    }
  }

  /**
   * Writes a snapshot of {@code keys}, the live state before {@code compactRevision}, then deletes
   * the segments and snapshots it makes redundant. Returns at once; called by the committer.
   */
  void scheduleSnapshot(long compactRevision, List<KeyValue> keys) {
    pending.set(new PendingSnapshot(compactRevision, keys));
    try {
      executor.execute(this::writePendingSnapshot);
    } catch (RejectedExecutionException e) {
      LOG.debug("Store closing; snapshot at {} skipped", compactRevision);
    }
  }

  private void writePendingSnapshot() {
    PendingSnapshot snapshot = pending.getAndSet(null);
    if (snapshot == null) {
      return;
    }
    long start = System.nanoTime();
    long revision = snapshot.compactRevision();
    try {
      long bytes = SnapshotFile.of(directory.path(), revision).write(directory, snapshot.keys());
      int segments = wal.deleteSegmentsBefore(revision);
      for (SnapshotFile old : directory.snapshots()) {
        if (old.compactRevision() < revision) {
          Files.deleteIfExists(old.path());
        }
      }
      long nanos = System.nanoTime() - start;
      options.metrics().snapshotWritten(revision, snapshot.keys().size(), nanos);
      LOG.debug(
          "Snapshot at {}: {} keys, {} bytes in {} ms; {} segments deleted",
          revision,
          snapshot.keys().size(),
          bytes,
          nanos / 1_000_000,
          segments);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Snapshot at {} failed; the log keeps everything it would have held", revision, e);
    }
  }

  /** Stops the compactor, lets a running snapshot finish (for a while) and drops pending ones. */
  @Override
  public void close() {
    pending.set(null);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
