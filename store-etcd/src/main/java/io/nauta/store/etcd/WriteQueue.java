package io.nauta.store.etcd;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many writes are outstanding at etcd: a write starts at once while fewer than the limit
 * are in flight, otherwise it waits (in submission order) until one finishes. Never blocks the
 * caller. Thread-safe.
 */
final class WriteQueue {

  private final Semaphore permits;
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

  WriteQueue(int limit) {
    this.permits = new Semaphore(limit);
  }

  /** Runs {@code send} now or once a permit frees; {@code send} must lead to one {@link #done}. */
  void submit(Runnable send) {
    waiting.add(send);
    drain();
  }

  /** One write finished: its permit goes to the next waiting write. */
  void done() {
    permits.release();
    drain();
  }

  private void drain() {
    while (!waiting.isEmpty() && permits.tryAcquire()) {
      Runnable next = waiting.poll();
      if (next == null) {
        permits.release();
        return;
      }
      next.run();
    }
  }
}
