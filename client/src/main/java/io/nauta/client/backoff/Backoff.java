package io.nauta.client.backoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential backoff per key: the first failure holds the key back {@code initial}, each further
 * one twice as long up to {@code max}; a key without failures for twice the maximum starts over.
 * Thread-safe.
 */
public final class Backoff {
  private record Entry(Duration delay, Instant last) {}

  private final Duration initial;
  private final Duration max;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  public Backoff(Duration initial, Duration max, Clock clock) {
    this.initial = initial;
    this.max = max;
    this.clock = clock;
  }

  /** Records a failure of {@code key} now; returns how long the key is now held back. */
  public Duration failed(String key) {
    Instant now = clock.instant();
    return entries
        .compute(
            key,
            (k, e) -> {
              if (e == null || now.isAfter(e.last().plus(max.multipliedBy(2)))) {
                return new Entry(initial, now);
              }
              Duration next = e.delay().multipliedBy(2);
              return new Entry(next.compareTo(max) > 0 ? max : next, now);
            })
        .delay();
  }

  /** How long {@code key} is still held back; zero when it is not. */
  public Duration remaining(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), e.last().plus(e.delay()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Forgets {@code key} (after a success). */
  public void reset(String key) {
    entries.remove(key);
  }
}
