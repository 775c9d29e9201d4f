package io.nauta.store.cache;

import io.nauta.store.KeyValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full results of recent paged lists served by the cache, kept so their continuations (same
 * prefix, same revision) are served from the same snapshot rather than by the store beneath. The
 * oldest are dropped beyond {@code capacity} or after {@code lifetimeNanos}. Thread-safe.
 */
final class ListSnapshots {

  private record Snapshot(List<KeyValue> items, long createdNanos) {}

  private final int capacity;
  private final long lifetimeNanos;
  private final LinkedHashMap<String, Snapshot> snapshots = new LinkedHashMap<>(16, 0.75f, true);

  ListSnapshots(int capacity, long lifetimeNanos) {
    this.capacity = capacity;
    this.lifetimeNanos = lifetimeNanos;
  }

  /** Keeps {@code items}, every key with {@code prefix} at {@code revision}, in key order. */
  synchronized void put(String prefix, long revision, List<KeyValue> items) {
    if (capacity == 0) {
      return;
    }
    snapshots.put(id(prefix, revision), new Snapshot(items, System.nanoTime()));
    while (snapshots.size() > capacity) {
      Map.Entry<String, Snapshot> eldest = snapshots.entrySet().iterator().next();
      snapshots.remove(eldest.getKey());
    }
  }

  /** The snapshot of {@code prefix} at {@code revision}, or null if none is kept. */
  synchronized List<KeyValue> get(String prefix, long revision) {
    String id = id(prefix, revision);
    Snapshot snapshot = snapshots.get(id);
    if (snapshot == null) {
      return null;
    }
    if (System.nanoTime() - snapshot.createdNanos() > lifetimeNanos) {
      snapshots.remove(id);
      return null;
    }
    return snapshot.items();
  }

  synchronized void clear() {
    snapshots.clear();
  }

  private static String id(String prefix, long revision) {
    return revision + "\u0000" + prefix;
  }
}
