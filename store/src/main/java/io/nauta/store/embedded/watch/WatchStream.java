package io.nauta.store.embedded.watch;

import io.nauta.store.Event;
import io.nauta.store.StoreException;
import io.nauta.store.StoreMetrics;
import io.nauta.store.WatchListener;
import io.nauta.store.delivery.QueuedWatch;
import io.nauta.store.embedded.mvcc.MvccIndex;

/**
 * One watch of the embedded engine: a pending replay of retained history, read from the index on
 * the delivery thread, followed by the live events the hub offers under its lock (see {@link
 * QueuedWatch} for the queue and its limit).
 */
final class WatchStream extends QueuedWatch {

  private final WatchHub hub;
  private final MvccIndex index;
  private final StoreMetrics metrics;
  private long replayTo = -1; // guarded by this; replay (after, replayTo] first if >= 0

  WatchStream(
      WatchHub hub,
      String prefix,
      long after,
      WatchListener listener,
      int queueLimit,
      MvccIndex index,
      StoreMetrics metrics) {
    super(prefix, after, listener, queueLimit);
    this.hub = hub;
    this.index = index;
    this.metrics = metrics;
  }

  /** Schedules replay of history up to {@code publishedRevision}; called once, under hub lock. */
  void startReplay(long publishedRevision) {
    if (publishedRevision > after) {
      synchronized (this) {
        replayTo = publishedRevision;
      }
      wake();
    }
  }

  @Override
  public void requestProgress() {
    if (!isClosed()) {
      hub.requestProgress(this);
    }
  }

  @Override
  protected void forget() {
    hub.remove(this);
  }

  @Override
  protected void ended(StoreException error) {
    metrics.watchEnded(error.code());
  }

  /** Delivers retained history first; false if delivery must stop altogether. */
  @Override
  protected boolean beforeQueue() {
    long to;
    synchronized (this) {
      to = replayTo;
      replayTo = -1;
    }
    for (long revision = after + 1; to >= 0 && revision <= to; revision++) {
      if (isClosed()) {
        return false;
      }
      if (isEnded()) {
        return true; // the queue now holds only the error that ended the watch
      }
      Event event = index.event(revision);
      if (event == null) {
        end(
            new StoreException(
                StoreException.Code.COMPACTED,
                "history at revision " + revision + " was compacted during replay"));
        return true;
      }
      if (event.kv().key().startsWith(prefix) && !deliver(event)) {
        return false;
      }
    }
    return true;
  }
}
