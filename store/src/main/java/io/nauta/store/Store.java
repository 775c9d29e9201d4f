package io.nauta.store;

import java.util.concurrent.CompletableFuture;

/**
 * An etcd-shaped, multi-version key-value store.
 *
 * <p>Every successful write advances one global revision by exactly one; the written key's {@code
 * modRevision} is that revision. Keys are strings compared by their UTF-8 bytes (lexicographic
 * order); values are opaque bytes.
 *
 * <p>All methods are thread-safe. A write's future completes only once the write is durable (for a
 * durable engine: on disk) and visible to reads and watches. Reads never see a write whose future
 * has not completed or will fail.
 *
 * <p>Writes report expected outcomes (exists, not found, conflict) as a {@link WriteResult}, never
 * as an exception. Their futures fail with a {@link StoreException} only for the unexpected:
 * INVALID (empty key, null value, a key or value over the engine's size limit), CLOSED, or IO.
 */
public interface Store extends AutoCloseable {

  /** The newest revision visible to reads (0 for an empty, never written store). */
  long currentRevision();

  /**
   * The oldest revision that can still be read or watched from; reads at revisions below it and
   * watches starting below it fail with {@link StoreException.Code#COMPACTED}.
   */
  long compactRevision();

  /**
   * Reads one key at the latest revision.
   *
   * @return the key's current value, or {@code null} when the key does not exist
   */
  KeyValue get(String key);

  /**
   * Reads one key, possibly as of a revision older than the newest acknowledged write (from a
   * cache), for checks that tolerate staleness and for a first guess that a compare-and-swap then
   * verifies. Engines without a cache read the latest, like {@link #get}.
   *
   * @return the key's value as last seen, or {@code null} when it was not seen
   */
  default KeyValue peek(String key) {
    return get(key);
  }

  /**
   * Reads keys with a prefix, in key order.
   *
   * @throws StoreException with code COMPACTED if {@code request.revision()} is below {@link
   *     #compactRevision()}, FUTURE_REVISION if it is above {@link #currentRevision()}
   */
  RangeResult range(RangeRequest request);

  /**
   * Creates {@code key} only if it does not exist. Completes with {@link WriteResult.Outcome#OK}
   * and the new key, or {@link WriteResult.Outcome#ALREADY_EXISTS} with the existing key.
   */
  CompletableFuture<WriteResult> create(String key, byte[] value);

  /**
   * Replaces the value of {@code key} if its modRevision equals {@code expectedModRevision} (0
   * means any existing value). Completes with OK and the new key, CONFLICT with the current key, or
   * NOT_FOUND.
   */
  CompletableFuture<WriteResult> update(String key, byte[] value, long expectedModRevision);

  /**
   * Deletes {@code key} if its modRevision equals {@code expectedModRevision} (0 means any).
   * Completes with OK and the deleted key as it was (its {@code modRevision} is the one before
   * deletion; the result's {@link WriteResult#revision()} is the deletion revision), CONFLICT with
   * the current key, or NOT_FOUND.
   */
  CompletableFuture<WriteResult> delete(String key, long expectedModRevision);

  /**
   * Starts watching keys with {@code prefix}: delivers, in revision order, with no gaps or
   * duplicates, every event with a revision greater than {@code afterRevision}, then every later
   * one, until the watch is closed. Events are delivered on a thread of the store's, one at a time
   * per watch.
   *
   * <p>{@code afterRevision} may equal {@link #currentRevision()} (only future events) or exceed it
   * (events after it, once they happen). If it is below {@code compactRevision() - 1} the
   * listener's {@code onError} is called with COMPACTED (and nothing else). A listener that falls
   * too far behind is ended with {@code onError} (code SLOW_WATCHER) so a slow client cannot
   * exhaust memory; the caller re-watches.
   */
  Watch watch(String prefix, long afterRevision, WatchListener listener);

  /**
   * Discards history older than {@code revision}: after it, reads and watches below {@code
   * revision} fail with COMPACTED. Compacting to a revision at or below {@link #compactRevision()}
   * is a no-op. Returns once the compaction is in effect (for a durable engine: survives a
   * restart).
   *
   * @throws StoreException with code FUTURE_REVISION if {@code revision} is above {@link
   *     #currentRevision()}
   */
  void compact(long revision);

  /** Stops the store; pending writes complete (or fail with CLOSED) and watches end. */
  @Override
  void close();
}
