package io.nauta.store.cache;

import java.time.Duration;

/**
 * How a {@link WatchCache} sizes itself.
 *
 * @param windowEvents how many recent events are kept for watches that start in the past; a watch
 *     starting before the window is served by the store beneath
 * @param queueLimit how many undelivered events one watch may have before it is ended as too slow
 * @param consistentReadTimeout how long a read at the latest revision waits for the cache to catch
 *     up before it is served by the store beneath instead
 * @param listSnapshots how many paged lists keep their snapshot for their continuations
 * @param snapshotLifetime how long a paged list's snapshot is kept for its continuations
 * @param cachedPeeks whether {@link WatchCache#peek} answers from memory (worth it when the store
 *     beneath is remote; a local engine's own read is as cheap and never stale)
 */
public record WatchCacheOptions(
    int windowEvents,
    int queueLimit,
    Duration consistentReadTimeout,
    int listSnapshots,
    Duration snapshotLifetime,
    boolean cachedPeeks) {

  public WatchCacheOptions {
    if (windowEvents < 1 || queueLimit < 1 || listSnapshots < 0) {
      throw new IllegalArgumentException("watch cache sizes must be positive");
    }
  }

  /**
   * 10,000 events of history, 10,000 queued events per watch, 3 s catch-up, 64 snapshots kept 60 s,
   * peeks from memory.
   */
  public static WatchCacheOptions defaults() {
    return new WatchCacheOptions(
        10_000, 10_000, Duration.ofSeconds(3), 64, Duration.ofSeconds(60), true);
  }

  public WatchCacheOptions withWindowEvents(int events) {
    return new WatchCacheOptions(
        events, queueLimit, consistentReadTimeout, listSnapshots, snapshotLifetime, cachedPeeks);
  }

  public WatchCacheOptions withQueueLimit(int limit) {
    return new WatchCacheOptions(
        windowEvents, limit, consistentReadTimeout, listSnapshots, snapshotLifetime, cachedPeeks);
  }

  public WatchCacheOptions withCachedPeeks(boolean cached) {
    return new WatchCacheOptions(
        windowEvents, queueLimit, consistentReadTimeout, listSnapshots, snapshotLifetime, cached);
  }
}
