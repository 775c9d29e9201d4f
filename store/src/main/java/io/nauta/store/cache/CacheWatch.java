package io.nauta.store.cache;

import io.nauta.store.Event;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch served by the cache: the replayed window events, then live events, progress
 * notifications and at most one terminal error, handed to the listener in that order by at most one
 * virtual thread at a time.
 *
 * <p>The cache offers events under its lock, so the queue is in revision order. More than {@code
 * queueLimit} waiting live events end the watch with SLOW_WATCHER, dropping what was queued.
 */
final class CacheWatch implements Watch {

  private static final Logger LOG = LoggerFactory.getLogger(CacheWatch.class);

  private record Progress(long revision) {}

  private final WatchCache cache;
  private final String prefix;
  private final long after;
  private final WatchListener listener;
  private final int queueLimit;
  private final ArrayDeque<Object> queue = new ArrayDeque<>(); // guarded by this
  private int queuedEvents; // guarded by this: live events waiting
  private int replayLeft; // guarded by this: replayed events waiting, ahead of every live one
  private boolean draining; // guarded by this
  private volatile boolean ended; // written under this: accepts nothing more
  private volatile boolean closed;

  CacheWatch(WatchCache cache, String prefix, long after, WatchListener listener, int queueLimit) {
    this.cache = cache;
    this.prefix = prefix;
    this.after = after;
    this.listener = listener;
    this.queueLimit = queueLimit;
  }

  String prefix() {
    return prefix;
  }

  /** Queues the replayed history; called once, under the cache's lock, before any offer. */
  synchronized void replay(List<Event> events) {
    queue.addAll(events);
    replayLeft = events.size();
    if (!events.isEmpty()) {
      schedule();
    }
  }

  /**
   * Queues {@code event} if this watch wants it; called under the cache's lock.
   *
   * @return false if the watch has ended and should be forgotten
   */
  synchronized boolean offer(Event event) {
    if (ended) {
      return false;
    }
    if (event.revision() <= after || !event.kv().key().startsWith(prefix)) {
      return true;
    }
    if (++queuedEvents > queueLimit) {
      endLocked(
          new StoreException(
              StoreException.Code.SLOW_WATCHER,
              "watch on '" + prefix + "' fell more than " + queueLimit + " events behind"));
      return false;
    }
    queue.add(event);
    schedule();
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
    queue.add(new Progress(Math.max(revision, after)));
    schedule();
  }

  /** Drops whatever waits and queues {@code error} as the listener's last call. */
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
    replayLeft = 0;
    queue.add(error);
    schedule();
  }

  private void schedule() {
    if (!draining) {
      draining = true;
      Thread.ofVirtual().name("nauta-cache-watch").start(this::drain);
    }
  }

  @Override
  public void requestProgress() {
    if (!closed) {
      cache.requestProgress(this);
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      ended = true;
      queue.clear();
      queuedEvents = 0;
      replayLeft = 0;
    }
    cache.remove(this);
  }

  private void drain() {
    while (true) {
      Object item;
      synchronized (this) {
        item = queue.poll();
        if (item == null) {
          draining = false;
          return;
        }
        if (item instanceof Event) {
          if (replayLeft > 0) {
            replayLeft--;
          } else {
            queuedEvents--;
          }
        }
      }
      // Once closed, draining stays set so no thread is started again.
      if (closed || !deliver(item)) {
        return;
      }
    }
  }

  /** Hands one item to the listener; false if nothing may follow it. */
  private boolean deliver(Object item) {
    try {
      switch (item) {
        case Event event -> listener.onEvent(event);
        case Progress progress -> listener.onProgress(progress.revision());
        case StoreException error -> {
          cache.remove(this);
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
