package io.nauta.store;

/** Receives a watch's events; called on a store thread, never concurrently for one watch. */
public interface WatchListener {
  /** One event; events arrive in revision order. Must not block for long. */
  void onEvent(Event event);

  /**
   * Every event up to {@code revision} has been delivered (answer to {@link
   * Watch#requestProgress()}).
   */
  default void onProgress(long revision) {}

  /** The watch ended abnormally (COMPACTED, SLOW_WATCHER, CLOSED); no call follows. */
  void onError(StoreException error);
}
