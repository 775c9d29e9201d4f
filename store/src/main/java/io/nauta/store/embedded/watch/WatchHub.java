package io.nauta.store.embedded.watch;

import io.nauta.store.Event;
import io.nauta.store.StoreException;
import io.nauta.store.StoreMetrics;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import io.nauta.store.embedded.mvcc.MvccIndex;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Owns the published revision and the running watches, and hands each published batch of events to
 * the watches that want them.
 *
 * <p>Publishing a revision and queueing its events happen under one lock, and a watch reads the
 * published revision and registers under the same lock. So a new watch replays history up to
 * exactly the revision after which it starts receiving live events: nothing is missed and nothing
 * arrives twice, however writes race with the watch's start. Thread-safe.
 */
public final class WatchHub {

  private final Object lock = new Object();
  private final List<WatchStream> streams = new ArrayList<>();
  private final MvccIndex index;
  private final int queueLimit;
  private final StoreMetrics metrics;
  private volatile long revision;
  private boolean closed;

  /**
   * @param index where watches replay history from
   * @param revision the revision already published (visible) when the hub starts
   * @param queueLimit how many undelivered events a watch may have before it is ended
   */
  public WatchHub(MvccIndex index, long revision, int queueLimit, StoreMetrics metrics) {
    this.index = index;
    this.revision = revision;
    this.queueLimit = queueLimit;
    this.metrics = metrics;
  }

  /** The newest published revision: every write up to it is durable and readable. */
  public long revision() {
    return revision;
  }

  /**
   * Makes {@code newRevision} visible to readers and queues {@code events} (its batch, in revision
   * order) to every matching watch, as one step with respect to {@link #watch}.
   */
  public void publish(long newRevision, List<Event> events) {
    synchronized (lock) {
      revision = newRevision;
      if (events.isEmpty()) {
        return;
      }
      for (Iterator<WatchStream> it = streams.iterator(); it.hasNext(); ) {
        if (!it.next().offer(events)) {
          it.remove();
        }
      }
    }
  }

  /**
   * Starts a watch of keys with {@code prefix} after {@code afterRevision}; see {@link
   * io.nauta.store.Store#watch}. Errors (COMPACTED, CLOSED) reach the listener, not the caller.
   */
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    synchronized (lock) {
      WatchStream stream =
          new WatchStream(this, prefix, afterRevision, listener, queueLimit, index, metrics);
      long compacted = index.compactRevision();
      if (closed) {
        stream.end(new StoreException(StoreException.Code.CLOSED, "the store is closed"));
      } else if (afterRevision < compacted - 1) {
        stream.end(
            new StoreException(
                StoreException.Code.COMPACTED,
                "cannot watch after revision "
                    + afterRevision
                    + "; history before "
                    + compacted
                    + " is compacted"));
      } else {
        streams.add(stream);
        stream.startReplay(revision);
      }
      return stream;
    }
  }

  /** Queues a progress notification for {@code stream} at the published revision. */
  void requestProgress(WatchStream stream) {
    synchronized (lock) {
      stream.offerProgress(revision);
    }
  }

  void remove(WatchStream stream) {
    synchronized (lock) {
      streams.remove(stream);
    }
  }

  /** Ends every watch with CLOSED and refuses new ones; idempotent. */
  public void close() {
    synchronized (lock) {
      closed = true;
      for (WatchStream stream : streams) {
        stream.end(new StoreException(StoreException.Code.CLOSED, "the store is closed"));
      }
      streams.clear();
    }
  }
}
