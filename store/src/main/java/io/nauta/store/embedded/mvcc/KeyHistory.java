package io.nauta.store.embedded.mvcc;

import io.nauta.store.KeyValue;
import java.util.Arrays;

/**
 * The retained versions of one key, oldest first; a deletion is a tombstone version whose value is
 * null and whose modRevision is the deletion's revision.
 *
 * <p>One writer appends and compacts; readers read without locks. The writer fills a slot beyond
 * the published size and then publishes a new, larger {@link Versions}, so a reader never sees a
 * slot being written; compaction publishes a fresh array, so readers of the old one are
 * undisturbed.
 */
final class KeyHistory {

  private record Versions(KeyValue[] items, int size) {}

  private volatile Versions versions;

  KeyHistory(KeyValue first) {
    versions = new Versions(new KeyValue[] {first}, 1);
  }

  static KeyValue tombstone(String key, long revision) {
    return new KeyValue(key, null, 0, revision, 0);
  }

  static boolean isTombstone(KeyValue kv) {
    return kv.value() == null;
  }

  /** The newest version if it is live, else null; includes unpublished versions. */
  KeyValue latestLive() {
    Versions v = versions;
    KeyValue last = v.items[v.size - 1];
    return isTombstone(last) ? null : last;
  }

  /** The live version as of {@code revision}, or null if the key did not exist then. */
  KeyValue at(long revision) {
    Versions v = versions;
    KeyValue[] items = v.items;
    int found;
    if (items[v.size - 1].modRevision() <= revision) {
      found = v.size - 1;
    } else {
      found = -1;
      int low = 0;
      int high = v.size - 2;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        if (items[mid].modRevision() <= revision) {
          found = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
    }
    return found < 0 || isTombstone(items[found]) ? null : items[found];
  }

  /** Appends a version newer than all others; writer only. */
  void append(KeyValue kv) {
    Versions v = versions;
    KeyValue[] items = v.items;
    if (v.size == items.length) {
      items = Arrays.copyOf(items, Math.max(4, v.size * 2));
    }
    items[v.size] = kv;
    versions = new Versions(items, v.size + 1);
  }

  /**
   * Drops what no read or watch at or after {@code compactRevision} needs: keeps every version from
   * {@code compactRevision} on, plus the newest older one if it is live (it is the value read at
   * {@code compactRevision - 1} and the previous value of the first event kept).
   *
   * @return true if nothing is left and the key can be forgotten
   */
  boolean compact(long compactRevision) {
    Versions v = versions;
    int firstKept = 0;
    while (firstKept < v.size && v.items[firstKept].modRevision() < compactRevision) {
      firstKept++;
    }
    if (firstKept > 0 && !isTombstone(v.items[firstKept - 1])) {
      firstKept--;
    }
    if (firstKept == 0) {
      return false;
    }
    int kept = v.size - firstKept;
    if (kept == 0) {
      return true;
    }
    versions = new Versions(Arrays.copyOfRange(v.items, firstKept, v.size), kept);
    return false;
  }
}
