package io.nauta.store.embedded;

import io.nauta.store.StoreMetrics;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of an {@link EmbeddedStore}; start from {@link #defaults()} and change fields with the
 * {@code with*} methods.
 *
 * @param segmentBytes size after which the write-ahead log starts a new segment file
 * @param maxKeyBytes largest key, in UTF-8 bytes; larger writes fail with INVALID
 * @param maxValueBytes largest value; larger writes fail with INVALID
 * @param maxBatchWrites most requests the committer makes durable with one sync
 * @param maxBatchBytes most value bytes the committer gathers into one batch (one request may
 *     exceed it)
 * @param watchQueueLimit most undelivered events a watch may have before it is ended with
 *     SLOW_WATCHER
 * @param compactionInterval how often the automatic compactor runs; {@link Duration#ZERO} turns it
 *     off
 * @param compactionRetainedRevisions if positive, the automatic compactor also keeps no more than
 *     this many revisions of history
 * @param metrics receives the engine's measurements
 */
public record EmbeddedOptions(
    long segmentBytes,
    int maxKeyBytes,
    int maxValueBytes,
    int maxBatchWrites,
    long maxBatchBytes,
    int watchQueueLimit,
    Duration compactionInterval,
    long compactionRetainedRevisions,
    StoreMetrics metrics) {

  /** etcd's default request limit (1.5 MiB) plus room for the request around the value. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 1_572_864 + 65_536;

  public EmbeddedOptions {
    if (segmentBytes < 4096 || segmentBytes > (1L << 30)) {
      throw new IllegalArgumentException("segmentBytes must be within 4 KiB..1 GiB");
    }
    if (maxKeyBytes < 1 || maxValueBytes < 0 || maxBatchWrites < 1 || maxBatchBytes < 1) {
      throw new IllegalArgumentException("key, value and batch limits must be positive");
    }
    if (watchQueueLimit < 1 || compactionRetainedRevisions < 0) {
      throw new IllegalArgumentException("watchQueueLimit and retention must not be negative");
    }
    Objects.requireNonNull(compactionInterval, "compactionInterval");
    if (compactionInterval.isNegative()) {
      throw new IllegalArgumentException("compactionInterval must not be negative");
    }
    Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * 64 MiB segments, 16 KiB keys, 1.5 MiB values (plus slack), batches of up to 1024 writes or 16
   * MiB, 10,000 queued events per watch, automatic compaction every 5 minutes keeping the history
   * of the last interval, no metrics.
   */
  public static EmbeddedOptions defaults() {
    return new EmbeddedOptions(
        64L << 20,
        16 << 10,
        DEFAULT_MAX_VALUE_BYTES,
        1024,
        16L << 20,
        10_000,
        Duration.ofMinutes(5),
        0,
        StoreMetrics.NONE);
  }

  public EmbeddedOptions withSegmentBytes(long bytes) {
    return new EmbeddedOptions(
        bytes,
        maxKeyBytes,
        maxValueBytes,
        maxBatchWrites,
        maxBatchBytes,
        watchQueueLimit,
        compactionInterval,
        compactionRetainedRevisions,
        metrics);
  }

  public EmbeddedOptions withWatchQueueLimit(int events) {
    return new EmbeddedOptions(
        segmentBytes,
        maxKeyBytes,
        maxValueBytes,
        maxBatchWrites,
        maxBatchBytes,
        events,
        compactionInterval,
        compactionRetainedRevisions,
        metrics);
  }

  /**
   * Every {@code interval} the automatic compactor discards history older than the revision current
   * one interval earlier, and, if {@code retainedRevisions} is positive, older than the newest
   * {@code retainedRevisions} revisions.
   */
  public EmbeddedOptions withCompaction(Duration interval, long retainedRevisions) {
    return new EmbeddedOptions(
        segmentBytes,
        maxKeyBytes,
        maxValueBytes,
        maxBatchWrites,
        maxBatchBytes,
        watchQueueLimit,
        interval,
        retainedRevisions,
        metrics);
  }

  public EmbeddedOptions withMetrics(StoreMetrics metrics) {
    return new EmbeddedOptions(
        segmentBytes,
        maxKeyBytes,
        maxValueBytes,
        maxBatchWrites,
        maxBatchBytes,
        watchQueueLimit,
        compactionInterval,
        compactionRetainedRevisions,
        metrics);
  }
}
