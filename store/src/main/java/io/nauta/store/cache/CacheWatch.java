package io.nauta.store.cache;

import io.nauta.store.WatchListener;
import io.nauta.store.delivery.QueuedWatch;

/**
 * One watch served by the cache: the replayed window events, then the live events the cache offers
 * under its lock (see {@link QueuedWatch} for the queue and its limit).
 */
final class CacheWatch extends QueuedWatch {

  private final WatchCache cache;

  CacheWatch(WatchCache cache, String prefix, long after, WatchListener listener, int queueLimit) {
    super(prefix, after, listener, queueLimit);
    this.cache = cache;
  }

  /** Queues the replayed history; called once, under the cache's lock, before any offer. */
  void replay(java.util.List<io.nauta.store.Event> events) {
    queueReplay(events);
  }

  /** Progress at the cache's revision, never below this watch's start. */
  void progress(long revision) {
    offerProgress(Math.max(revision, after));
  }

  @Override
  public void requestProgress() {
    if (!isClosed()) {
      cache.requestProgress(this);
    }
  }

  @Override
  protected void forget() {
    cache.remove(this);
  }
}
