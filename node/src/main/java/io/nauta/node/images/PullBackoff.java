package io.nauta.node.images;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Backoff after failed image pulls, per key (pod and image), as a kubelet's: the first failure
 * waits {@link #INITIAL}, each further one twice as long up to {@link #MAX}; a key left alone for
 * twice the maximum starts over. Not thread-safe (one pod worker owns it).
 */
public final class PullBackoff {
  public static final Duration INITIAL = Duration.ofSeconds(10);
  public static final Duration MAX = Duration.ofMinutes(5);

  private record Entry(Duration backoff, Instant lastFailure) {}

  private final Clock clock;
  private final Map<String, Entry> entries = new HashMap<>();

  public PullBackoff(Clock clock) {
    this.clock = clock;
  }

  /** Records a failed pull of {@code key}; returns how long pulls of it are now held back. */
  public Duration failed(String key) {
    Instant now = clock.instant();
    Entry e = entries.get(key);
    Duration next;
    if (e == null || expired(e, now)) {
      next = INITIAL;
    } else {
      next = e.backoff().multipliedBy(2);
      if (next.compareTo(MAX) > 0) {
        next = MAX;
      }
    }
    entries.put(key, new Entry(next, now));
    return next;
  }

  /** Whether a pull of {@code key} is held back now. */
  public boolean inBackoff(String key) {
    Entry e = entries.get(key);
    Instant now = clock.instant();
    return e != null && now.isBefore(e.lastFailure().plus(e.backoff()));
  }

  /** Forgets {@code key} after a successful pull. */
  public void succeeded(String key) {
    entries.remove(key);
  }

  private static boolean expired(Entry e, Instant now) {
    return now.isAfter(e.lastFailure().plus(MAX.multipliedBy(2)));
  }
}
