package io.nauta.store;

/** A running watch. */
public interface Watch extends AutoCloseable {
  /**
   * Asks for a {@link WatchListener#onProgress} call with the newest revision whose events have all
   * been delivered to this watch. Idempotent; cheap.
   */
  void requestProgress();

  /** Stops delivery; idempotent. After it returns, the listener may still see at most one call. */
  @Override
  void close();
}
