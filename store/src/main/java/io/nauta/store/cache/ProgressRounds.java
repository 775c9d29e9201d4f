package io.nauta.store.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers watches' progress requests in rounds: one round asks the store beneath for its current
 * revision once, waits for the cache to apply it, and notifies every watch that asked meanwhile; so
 * a bookmark's revision is as new as the store's, at one store read per round however many watches
 * ask.
 */
final class ProgressRounds {

  private final WatchCache cache;
  private List<CacheWatch> waiting = new ArrayList<>(); // guarded by this
  private boolean running; // guarded by this

  ProgressRounds(WatchCache cache) {
    this.cache = cache;
  }

  void request(CacheWatch watch) {
    synchronized (this) {
      if (!waiting.contains(watch)) {
        waiting.add(watch);
      }
      if (running) {
        return;
      }
      running = true;
    }
    Thread.ofVirtual().name("nauta-cache-progress").start(this::run);
  }

  private void run() {
    while (true) {
      List<CacheWatch> round;
      synchronized (this) {
        if (waiting.isEmpty()) {
          running = false;
          return;
        }
        round = waiting;
        waiting = new ArrayList<>();
      }
      try {
        cache.awaitRevision(cache.store().currentRevision());
      } catch (RuntimeException e) {
        // the store is unreachable: answer with what the cache has applied
      }
      cache.offerProgress(round);
    }
  }
}
