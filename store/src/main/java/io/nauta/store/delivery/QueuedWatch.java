package io.nauta.store.delivery;

import io.nauta.store.Event;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch whose events, progress notifications and at most one terminal error wait in a queue and
 * are handed to the listener in that order by at most one virtual thread at a time.
 *
 * <p>The owner offers events in revision order (under a lock of its own, so the queue is in
 * revision order too); this watch keeps those after its start revision under its prefix. Replayed
 * history (queued before any live event, or delivered by {@link #beforeQueue()}) does not count
 * against the limit; more than {@code queueLimit} waiting live events end the watch with
 * SLOW_WATCHER, dropping what was queued.
 */
public abstract class QueuedWatch implements Watch {

  private static final Logger LOG = LoggerFactory.getLogger(QueuedWatch.class);

  private record Progress(long revision) {}

  protected final String prefix;
  protected final long after;
  private final WatchListener listener;
  private final int queueLimit;
  private final ArrayDeque<Object> queue = new ArrayDeque<>(); // guarded by this
  private int queuedEvents; // guarded by this: live events waiting
  private int replayLeft; // guarded by this: replayed events waiting, ahead of every live one
  private boolean draining; // guarded by this: a delivery thread is scheduled or running
  private volatile boolean ended; // written under this: accepts nothing more
  private volatile boolean closed;

  protected QueuedWatch(String prefix, long after, WatchListener listener, int queueLimit) {
    this.prefix = prefix;
    this.after = after;
    this.listener = listener;
    this.queueLimit = queueLimit;
  }

  /** Forgets this watch in its owner; called once it has ended or been closed. */
  protected abstract void forget();

  /** Called on the delivery thread before the terminal error reaches the listener. */
  protected void ended(StoreException error) {}

  /**
   * Runs on the delivery thread before queued items are delivered (e.g. to replay history lazily);
   * false if delivery must stop altogether.
   */
  protected boolean beforeQueue() {
    return true;
  }

  protected final boolean isEnded() {
    return ended;
  }

  protected final boolean isClosed() {
    return closed;
  }

  /** Queues replayed history ahead of any live event; call before the first offer. */
  protected final synchronized void queueReplay(List<Event> events) {
    queue.addAll(events);
    replayLeft += events.size();
    if (!events.isEmpty()) {
      schedule();
    }
  }

  /** Makes sure a delivery thread runs (for work {@link #beforeQueue()} will find). */
  protected final synchronized void wake() {
    schedule();
  }

  private boolean wants(Event event) {
    return event.revision() > after && event.kv().key().startsWith(prefix);
  }

  /**
   * Queues {@code event} if this watch wants it.
   *
   * @return false if the watch has ended and should be forgotten
   */
  public final synchronized boolean offer(Event event) {
    if (ended) {
      return false;
    }
    if (!wants(event)) {
      return true;
    }
    queue.add(event);
    queuedEvents++;
    return checkLimitAndSchedule();
  }

  /**
   * Queues the events of one batch (in revision order) that this watch wants.
   *
   * @return false if the watch has ended and should be forgotten
   */
  public final synchronized boolean offer(List<Event> events) {
    if (ended) {
      return false;
    }
    int before = queuedEvents;
    for (Event event : events) {
      if (wants(event)) {
        queue.add(event);
        queuedEvents++;
      }
    }
    return queuedEvents == before || checkLimitAndSchedule();
  }

  private boolean checkLimitAndSchedule() {
    if (queuedEvents > queueLimit) {
      endLocked(
          new StoreException(
              StoreException.Code.SLOW_WATCHER,
              "watch on '" + prefix + "' fell more than " + queueLimit + " events behind"));
      return false;
    }
    schedule();
    return true;
  }

  /** Queues a progress notification; replaces one still waiting at the tail. */
  public final synchronized void offerProgress(long revision) {
    if (ended) {
      return;
    }
    if (queue.peekLast() instanceof Progress) {
      queue.pollLast();
    }
    queue.add(new Progress(revision));
    schedule();
  }

  /** Drops whatever waits and queues {@code error} as the listener's last call. */
  public final synchronized void end(StoreException error) {
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
      Thread.ofVirtual().name("nauta-watch").start(this::drain);
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
    forget();
  }

  private void drain() {
    if (!beforeQueue()) {
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
  protected final boolean deliver(Object item) {
    try {
      switch (item) {
        case Event event -> listener.onEvent(event);
        case Progress progress -> listener.onProgress(progress.revision());
        case StoreException error -> {
          forget();
          ended(error);
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
