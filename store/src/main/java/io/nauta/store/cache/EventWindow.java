package io.nauta.store.cache;

import io.nauta.store.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent events, oldest first, in a ring of fixed capacity; together with the revision
 * after which it is complete. Not thread-safe: the cache guards it.
 */
final class EventWindow {

  private final Event[] ring;
  private int head; // index of the oldest event
  private int size;
  private long completeAfter;

  /** An empty window that holds every event after {@code revision} (none yet). */
  EventWindow(int capacity, long revision) {
    this.ring = new Event[capacity];
    this.completeAfter = revision;
  }

  /** Every event with a revision above this one is in the window (or has not happened). */
  long completeAfter() {
    return completeAfter;
  }

  int size() {
    return size;
  }

  /** Appends the newest event, dropping the oldest when full. */
  void add(Event event) {
    if (size == ring.length) {
      completeAfter = ring[head].revision();
      ring[head] = null;
      head = (head + 1) % ring.length;
      size--;
    }
    ring[(head + size) % ring.length] = event;
    size++;
  }

  /**
   * The events after {@code revision} whose key starts with {@code prefix}, oldest first.
   *
   * @throws IllegalArgumentException if the window does not reach back to {@code revision}
   */
  List<Event> after(long revision, String prefix) {
    if (revision < completeAfter) {
      throw new IllegalArgumentException(
          "the window starts after " + completeAfter + ", not " + revision);
    }
    List<Event> found = new ArrayList<>();
    int first = firstAfter(revision);
    for (int i = first; i < size; i++) {
      Event event = ring[(head + i) % ring.length];
      if (event.kv().key().startsWith(prefix)) {
        found.add(event);
      }
    }
    return found;
  }

  /** Forgets everything; the window is then complete after {@code revision}. */
  void reset(long revision) {
    java.util.Arrays.fill(ring, null);
    head = 0;
    size = 0;
    completeAfter = revision;
  }

  private int firstAfter(long revision) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (ring[(head + mid) % ring.length].revision() <= revision) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
