package io.nauta.store.embedded.watch;

import io.nauta.store.Event;
import io.nauta.store.StoreException;
import io.nauta.store.StoreMetrics;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import io.nauta.store.embedded.mvcc.MvccIndex;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: a pending history replay followed by a queue of live events, progress notifications
 * and at most one terminal error, delivered in that order by at most one (virtual) thread at a
 * time.
 *
 * <p>The hub offers events under its lock, so the queue is in revision order. At most {@code
 * queueLimit} live events wait; one more ends the watch with SLOW_WATCHER, dropping what was
 * queued.
 */
final class WatchStream implements Watch {

  private static final Logger LOG = LoggerFactory.getLogger(WatchStream.class);

  private record Progress(long revision) {}

  private final WatchHub hub;
  private final String prefix;
  private final long after;
  private final WatchListener listener;
  private final int queueLimit;
  private final MvccIndex index;
  private final StoreMetrics metrics;

  private final ArrayDeque<Object> queue = new ArrayDeque<>(); // guarded by this
  private int queuedEvents; // guarded by this
  private long replayTo = -1; // guarded by this; replay (after, replayTo] first if >= 0
  private boolean draining; // guarded by this; a delivery thread is scheduled or running
  private volatile boolean ended; // written under this; accepts nothing more
  private volatile boolean closed;

  WatchStream(
      WatchHub hub,
      String prefix,
      long after,
      WatchListener listener,
      int queueLimit,
      MvccIndex index,
      StoreMetrics metrics) {
    this.hub = hub;
    this.prefix = prefix;
    this.after = after;
    this.listener = listener;
    this.queueLimit = queueLimit;
    this.index = index;
    this.metrics = metrics;
  }

  /** Schedules replay of history up to {@code publishedRevision}; called once, under hub lock. */
  synchronized void startReplay(long publishedRevision) {
    if (publishedRevision > after) {
      replayTo = publishedRevision;
      schedule();
    }
  }

  /**
   * Queues the events of one published batch that this watch wants; called under hub lock.
   *
   * @return false if the watch has ended and should be forgotten
   */
  synchronized boolean offer(List<Event> events) {
    if (ended) {
      return false;
    }
    int before = queuedEvents;
    for (Event event : events) {
      if (event.revision() > after && event.kv().key().startsWith(prefix)) {
        queue.add(event);
        queuedEvents++;
      }
    }
    if (queuedEvents > queueLimit) {
      endLocked(
          new StoreException(
              StoreException.Code.SLOW_WATCHER,
              "watch on '" + prefix + "' fell more than " + queueLimit + " events behind"));
      return false;
    }
    if (queuedEvents > before) {
      schedule();
    }
    return true;
  }

  /** Queues a progress notification; replaces one still waiting at the tail. */
  synchronized void offerProgress(long revision) {
    if (ended) {
      return;
    }
    if (queue.peekLast() instanceof Progress) {
      queue.pollLast();
    }
    queue.add(new Progress(revision));
    schedule();
  }

  /** Drops whatever waits and queues {@code error} as the last call the listener gets. */
  synchronized void end(StoreException error) {
    endLocked(error);
  }

  private void endLocked(StoreException error) {
    if (ended) {
      return;
    }
    ended = true;
    queue.clear();
    queuedEvents = 0;
    replayTo = -1;
    queue.add(error);
    schedule();
  }

  private void schedule() {
    if (!draining) {
      draining = true;
      Thread.ofVirtual().name("nauta-watch").start(this::drain);
    }
  }

  @Override
  public void requestProgress() {
    if (!closed) {
      hub.requestProgress(this);
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      ended = true;
      queue.clear();
      queuedEvents = 0;
    }
    hub.remove(this);
  }

  private void drain() {
    long to;
    synchronized (this) {
      to = replayTo;
      replayTo = -1;
    }
    if (to >= 0 && !replay(to)) {
      return;
    }
    while (true) {
      Object item;
      synchronized (this) {
        item = queue.poll();
        if (item == null) {
          draining = false;
          return;
        }
        if (item instanceof Event) {
          queuedEvents--;
        }
      }
      // Once closed, draining stays set so no thread is started again.
      if (closed || !deliver(item)) {
        return;
      }
    }
  }

  /** Delivers retained history; false if delivery must stop altogether. */
  private boolean replay(long to) {
    for (long revision = after + 1; revision <= to; revision++) {
      if (closed) {
        return false;
      }
      if (ended) {
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

  /** Hands one item to the listener; false if nothing may follow it. */
  private boolean deliver(Object item) {
    try {
      switch (item) {
        case Event event -> listener.onEvent(event);
        case Progress progress -> listener.onProgress(progress.revision());
        case StoreException error -> {
          hub.remove(this);
          metrics.watchEnded(error.code());
          listener.onError(error);
          return false;
        }
        default -> throw new IllegalStateException("unexpected watch item " + item);
      }
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Watch listener on prefix '{}' threw; ending the watch", prefix, e);
      close();
      return false;
    }
  }
}
