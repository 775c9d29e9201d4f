package io.nauta.store.embedded.mvcc;

import io.nauta.store.Event;
import io.nauta.store.KeyOrder;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeResult;
import io.nauta.store.StoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The store's multi-version state: per key its retained versions, per revision its event.
 *
 * <p>Writer methods ({@link #latest}, {@link #put}, {@link #delete}, {@link #compact}, {@link
 * #liveAt}) must be called by one thread at a time: the committer, or recovery before the store
 * opens. They see every version, including ones not yet published. Reader methods are thread-safe
 * and lock-free, and are correct for any revision the caller knows to be published (written before
 * the caller read it from a volatile); they never see later, unpublished versions because every
 * read is made at an explicit revision.
 */
public final class MvccIndex {

  private final ConcurrentSkipListMap<String, KeyHistory> keys =
      new ConcurrentSkipListMap<>(KeyOrder.COMPARATOR);
  private final EventLog events;
  private volatile long compactRevision;

  /** An empty index for a store that was never written. */
  public MvccIndex() {
    this.events = new EventLog(1);
  }

  private MvccIndex(long compactRevision) {
    this.compactRevision = compactRevision;
    this.events = new EventLog(compactRevision);
  }

  /**
   * An index holding the state a snapshot saved: {@code live}, the keys as of {@code
   * compactRevision - 1}; the next write must carry {@code compactRevision}.
   */
  public static MvccIndex restore(long compactRevision, List<KeyValue> live) {
    MvccIndex index = new MvccIndex(compactRevision);
    for (KeyValue kv : live) {
      index.keys.put(kv.key(), new KeyHistory(kv));
    }
    return index;
  }

  /** The newest live version of {@code key}, published or not, or null; writer only. */
  public KeyValue latest(String key) {
    KeyHistory history = keys.get(key);
    return history == null ? null : history.latestLive();
  }

  /** Records a create or update of {@code key} at the next revision; writer only. */
  public Event put(long revision, String key, byte[] value) {
    KeyHistory history = keys.get(key);
    KeyValue previous = history == null ? null : history.latestLive();
    KeyValue kv =
        previous == null
            ? new KeyValue(key, value, revision, revision, 1)
            : new KeyValue(key, value, previous.createRevision(), revision, previous.version() + 1);
    if (history == null) {
      keys.put(key, new KeyHistory(kv));
    } else {
      history.append(kv);
    }
    Event event = new Event(Event.Type.PUT, revision, kv, previous);
    events.append(event);
    return event;
  }

  /**
   * Records the deletion of live {@code key} at the next revision; writer only.
   *
   * @throws IllegalStateException if the key is not live
   */
  public Event delete(long revision, String key) {
    KeyHistory history = keys.get(key);
    KeyValue previous = history == null ? null : history.latestLive();
    if (previous == null) {
      throw new IllegalStateException("deleting " + key + ", which does not exist");
    }
    history.append(KeyHistory.tombstone(key, revision));
    Event event = new Event(Event.Type.DELETE, revision, previous, previous);
    events.append(event);
    return event;
  }

  /**
   * Discards history that no read or watch at or after {@code revision} needs; writer only. Readers
   * at lower revisions fail from the moment this starts; no-op if not above the current compact
   * revision.
   */
  public void compact(long revision) {
    if (revision <= compactRevision) {
      return;
    }
    compactRevision = revision;
    for (Map.Entry<String, KeyHistory> entry : keys.entrySet()) {
      if (entry.getValue().compact(revision)) {
        keys.remove(entry.getKey(), entry.getValue());
      }
    }
    events.trimBefore(revision);
  }

  /** Every live key as of {@code revision}, in key order; writer only (for snapshots). */
  public List<KeyValue> liveAt(long revision) {
    List<KeyValue> live = new ArrayList<>(keys.size());
    for (KeyHistory history : keys.values()) {
      KeyValue kv = history.at(revision);
      if (kv != null) {
        live.add(kv);
      }
    }
    return live;
  }

  /** The oldest revision that can be read; 0 if nothing was ever compacted. */
  public long compactRevision() {
    return compactRevision;
  }

  /** {@code key} as of published {@code revision}, or null if it did not exist then. */
  public KeyValue get(String key, long revision) {
    checkNotCompacted(revision);
    KeyHistory history = keys.get(key);
    KeyValue kv = history == null ? null : history.at(revision);
    checkNotCompacted(revision);
    return kv;
  }

  /**
   * Keys starting with {@code prefix} as of published {@code revision}, from {@code startKey} (if
   * not null) on, at most {@code limit} of them (0: all), in key order.
   *
   * @throws StoreException with code COMPACTED if {@code revision} is or becomes compacted
   */
  public RangeResult range(String prefix, String startKey, int limit, long revision) {
    checkNotCompacted(revision);
    String from = startKey != null && KeyOrder.compare(startKey, prefix) > 0 ? startKey : prefix;
    List<KeyValue> items = new ArrayList<>(limit > 0 ? Math.min(limit, 1024) : 16);
    long remaining = 0;
    for (Map.Entry<String, KeyHistory> entry : keys.tailMap(from, true).entrySet()) {
      if (!entry.getKey().startsWith(prefix)) {
        break;
      }
      KeyValue kv = entry.getValue().at(revision);
      if (kv == null) {
        continue;
      }
      if (limit > 0 && items.size() >= limit) {
        remaining++;
      } else {
        items.add(kv);
      }
    }
    // A compaction racing with the scan may have dropped versions it needed.
    checkNotCompacted(revision);
    return new RangeResult(Collections.unmodifiableList(items), remaining > 0, remaining, revision);
  }

  /** The event of published {@code revision}, or null if it was compacted away. */
  public Event event(long revision) {
    return events.get(revision);
  }

  private void checkNotCompacted(long revision) {
    long compacted = compactRevision;
    if (revision < compacted) {
      throw new StoreException(
          StoreException.Code.COMPACTED,
          "revision " + revision + " is compacted; the oldest readable is " + compacted);
    }
  }
}
