package io.nauta.store;

/**
 * Callbacks through which an engine reports what it does, for metrics and tests.
 *
 * <p>Every method has an empty default, so an implementation overrides only what it records.
 * Methods are called on store threads, possibly concurrently, and must be fast and must not throw
 * or call back into the store.
 */
public interface StoreMetrics {

  /** Records nothing. */
  StoreMetrics NONE = new StoreMetrics() {};

  /**
   * A batch of log records was made durable with one sync.
   *
   * @param writes how many revisions the batch holds (0 for a batch of only compactions)
   * @param syncNanos how long writing and syncing the batch took
   */
  default void batchCommitted(int writes, long syncNanos) {}

  /** History before {@code revision} was discarded. */
  default void compacted(long revision) {}

  /**
   * A snapshot of the state at a compaction was made durable and older log files were deleted.
   *
   * @param compactRevision the compaction the snapshot belongs to
   * @param keys how many keys it holds
   * @param nanos how long writing it took
   */
  default void snapshotWritten(long compactRevision, long keys, long nanos) {}

  /** A watch ended abnormally with {@code code}. */
  default void watchEnded(StoreException.Code code) {}
}
