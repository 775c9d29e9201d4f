package io.nauta.controllers.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A queue of keys with client-go's guarantees: a key is queued at most once however often it is
 * added; a key being processed is never handed to a second worker, and if it was added meanwhile it
 * is queued again when the first worker is {@link #done}; failed keys come back after a per-key
 * exponential backoff ({@link #addRateLimited}) until {@link #forget}. Thread-safe.
 */
public final class WorkQueue implements AutoCloseable {
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final Set<String> dirty = new HashSet<>();
  private final Set<String> processing = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final ScheduledExecutorService timer;
  private boolean shutDown;

  /** Backoff from 5 ms doubling up to 1000 s, as client-go's default controller rate limiter. */
  public WorkQueue(String name) {
    this(name, Duration.ofMillis(5), Duration.ofSeconds(1000));
  }

  public WorkQueue(String name, Duration baseDelay, Duration maxDelay) {
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(name + "-delays").daemon().factory());
  }

  /** Queues {@code key} unless it already waits. */
  public synchronized void add(String key) {
    if (shutDown || !dirty.add(key)) {
      return;
    }
    if (!processing.contains(key)) {
      queue.add(key);
      notify();
    }
  }

  /** Queues {@code key} after {@code delay}. */
  public void addAfter(String key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    synchronized (this) {
      if (shutDown) {
        return;
      }
    }
    timer.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Queues {@code key} after its backoff, which doubles with every call until {@link #forget}. */
  public void addRateLimited(String key) {
    int n;
    synchronized (this) {
      n = failures.merge(key, 1, Integer::sum) - 1;
    }
    addAfter(key, backoff(n));
  }

  Duration backoff(int previousFailures) {
    if (previousFailures >= 30) {
      return maxDelay;
    }
    long nanos = baseDelay.toNanos() << previousFailures;
    return nanos <= 0 || nanos > maxDelay.toNanos() ? maxDelay : Duration.ofNanos(nanos);
  }

  /** Clears {@code key}'s backoff: it synced. */
  public synchronized void forget(String key) {
    failures.remove(key);
  }

  /** How often {@code key} failed since it was last forgotten. */
  public synchronized int failures(String key) {
    return failures.getOrDefault(key, 0);
  }

  /**
   * The next key, marked as being processed until {@link #done}; waits for one. Null once the queue
   * is shut down.
   */
  public synchronized String take() throws InterruptedException {
    while (queue.isEmpty() && !shutDown) {
      wait();
    }
    if (shutDown) {
      return null;
    }
    String key = queue.poll();
    processing.add(key);
    dirty.remove(key);
    return key;
  }

  /** The worker finished {@code key}; if it was added meanwhile, it is queued again. */
  public synchronized void done(String key) {
    processing.remove(key);
    if (dirty.contains(key)) {
      queue.add(key);
      notify();
    }
  }

  /** Keys waiting (not those being processed). */
  public synchronized int length() {
    return queue.size();
  }

  @Override
  public synchronized void close() {
    shutDown = true;
    timer.shutdownNow();
    notifyAll();
  }
}
