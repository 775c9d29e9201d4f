package io.nauta.store;

/**
 * A prefix range read.
 *
 * @param prefix keys starting with this string
 * @param startKey if not null, only keys {@code >= startKey} (a continuation)
 * @param limit at most this many keys; 0 for no limit
 * @param revision read the store as it was at this revision; 0 for the latest
 */
public record RangeRequest(String prefix, String startKey, int limit, long revision) {
  public static RangeRequest prefix(String prefix) {
    return new RangeRequest(prefix, null, 0, 0);
  }
}
