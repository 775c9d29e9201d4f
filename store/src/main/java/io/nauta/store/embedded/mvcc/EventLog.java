package io.nauta.store.embedded.mvcc;

import io.nauta.store.Event;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every retained event, addressable by revision, so a watch can replay history in revision order
 * without scanning keys.
 *
 * <p>One writer appends in revision order and trims; readers read published revisions without
 * locks. Events live in fixed-size chunks so trimming frees memory a chunk at a time.
 */
final class EventLog {

  private static final int CHUNK_BITS = 10;
  private static final int CHUNK_SIZE = 1 << CHUNK_BITS;

  private final ConcurrentHashMap<Long, Event[]> chunks = new ConcurrentHashMap<>();
  private volatile long first;
  private long next;
  private long oldestChunk;

  /** An empty log whose first event will carry {@code firstRevision}. */
  EventLog(long firstRevision) {
    this.first = firstRevision;
    this.next = firstRevision;
    this.oldestChunk = firstRevision >>> CHUNK_BITS;
  }

  /** The oldest revision whose event is retained (or would be, once written). */
  long firstRevision() {
    return first;
  }

  /** Appends the event of the next revision; writer only. */
  void append(Event event) {
    if (event.revision() != next) {
      throw new IllegalStateException("event " + event.revision() + " appended, expected " + next);
    }
    chunks.computeIfAbsent(next >>> CHUNK_BITS, chunk -> new Event[CHUNK_SIZE])[slot(next)] = event;
    next++;
  }

  /** The event of {@code revision}, or null if it was trimmed away (or is not yet written). */
  Event get(long revision) {
    if (revision < first) {
      return null;
    }
    Event[] chunk = chunks.get(revision >>> CHUNK_BITS);
    return chunk == null ? null : chunk[slot(revision)];
  }

  /** Forgets events before {@code revision}; writer only. */
  void trimBefore(long revision) {
    if (revision <= first) {
      return;
    }
    first = revision;
    long keepFrom = revision >>> CHUNK_BITS;
    for (; oldestChunk < keepFrom; oldestChunk++) {
      chunks.remove(oldestChunk);
    }
  }

  private static int slot(long revision) {
    return (int) (revision & (CHUNK_SIZE - 1));
  }
}
