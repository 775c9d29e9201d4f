package io.nauta.controllers.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many creations and deletions a controller still expects to see in its informer after acting
 * for a key. Until they are seen (or {@link #TTL} passes, in case a watch event was lost) the
 * controller must not act on the key again: its cache would still show the old state and it would
 * create or delete twice. Thread-safe.
 */
public final class Expectations {
  /** After this long, expectations are considered met whatever was observed. */
  public static final Duration TTL = Duration.ofMinutes(5);

  private record Pending(int adds, int deletes, Instant since) {}

  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final Clock clock;

  public Expectations(Clock clock) {
    this.clock = clock;
  }

  /** Whether the controller may act on {@code key}: nothing is outstanding, or it expired. */
  public boolean satisfied(String key) {
    Pending p = pending.get(key);
    if (p == null) {
      return true;
    }
    return (p.adds() <= 0 && p.deletes() <= 0) || clock.instant().isAfter(p.since().plus(TTL));
  }

  /** Records that the controller is about to create {@code adds} and delete {@code deletes}. */
  public void expect(String key, int adds, int deletes) {
    pending.put(key, new Pending(adds, deletes, clock.instant()));
  }

  /** One expected creation was seen (or will never come: the create failed). */
  public void creationObserved(String key) {
    pending.computeIfPresent(key, (k, p) -> new Pending(p.adds() - 1, p.deletes(), p.since()));
  }

  /** One expected deletion was seen (or will never come). */
  public void deletionObserved(String key) {
    pending.computeIfPresent(key, (k, p) -> new Pending(p.adds(), p.deletes() - 1, p.since()));
  }

  /** Forgets {@code key} (its object is gone). */
  public void delete(String key) {
    pending.remove(key);
  }
}
