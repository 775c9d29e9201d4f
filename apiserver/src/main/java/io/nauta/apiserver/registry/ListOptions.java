package io.nauta.apiserver.registry;

/**
 * Options of a list or watch request, as parsed from the query.
 *
 * @param labelSelector raw label selector, or null
 * @param fieldSelector raw field selector, or null
 * @param limit page size; 0 for all
 * @param continueToken the continuation from a previous page, or null
 * @param resourceVersion as sent, or null
 * @param resourceVersionMatch "Exact", "NotOlderThan" or null
 * @param allowWatchBookmarks whether BOOKMARK events may be sent
 * @param timeoutSeconds watch timeout; 0 for the server default
 * @param sendInitialEvents for watches: null (server default), true or false
 */
public record ListOptions(
    String labelSelector,
    String fieldSelector,
    long limit,
    String continueToken,
    String resourceVersion,
    String resourceVersionMatch,
    boolean allowWatchBookmarks,
    long timeoutSeconds,
    Boolean sendInitialEvents) {

  public static ListOptions all() {
    return new ListOptions(null, null, 0, null, null, null, false, 0, null);
  }

  public static ListOptions selecting(String labelSelector) {
    return new ListOptions(labelSelector, null, 0, null, null, null, false, 0, null);
  }
}
