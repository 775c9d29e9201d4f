package io.nauta.controllers.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
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

  /** Creations still expected, and the keys of the objects whose deletion is expected. */
  private record Pending(int adds, Set<String> deletes, Instant since) {}

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
    return (p.adds() <= 0 && p.deletes().isEmpty()) || clock.instant().isAfter(p.since().plus(TTL));
  }

  /**
   * Records that the controller is about to create {@code adds} objects and delete the objects with
   * keys {@code deletes}, on top of what is still outstanding (a sync may both delete and create);
   * what was met or expired is forgotten first.
   */
  public void expect(String key, int adds, Set<String> deletes) {
    Instant now = clock.instant();
    pending.compute(
        key,
        (k, old) -> {
          Set<String> waiting = ConcurrentHashMap.newKeySet();
          waiting.addAll(deletes);
          int outstanding = 0;
          if (old != null && !now.isAfter(old.since().plus(TTL))) {
            outstanding = Math.max(0, old.adds());
            waiting.addAll(old.deletes());
          }
          return new Pending(outstanding + adds, waiting, now);
        });
  }

  /** One expected creation was seen (or will never come: the create failed). */
  public void creationObserved(String key) {
    pending.computeIfPresent(key, (k, p) -> new Pending(p.adds() - 1, p.deletes(), p.since()));
  }

  /**
   * The deletion of {@code object} was seen (its graceful deletion began, or it is gone), or will
   * never come. Seeing it twice counts once, so a watcher may report both moments.
   */
  public void deletionObserved(String key, String object) {
    Pending p = pending.get(key);
    if (p != null) {
      p.deletes().remove(object);
    }
  }

  /**
   * Settles the expected deletions that the caller's cache already shows done ({@code gone} says so
   * of an object key): an event can be missed or arrive before the expectation was recorded, but
   * the cache itself is the level the controller acts on.
   */
  public void settleDeletions(String key, java.util.function.Predicate<String> gone) {
    Pending p = pending.get(key);
    if (p != null) {
      p.deletes().removeIf(gone);
    }
  }

  /** What is still expected for {@code key}, for logs. */
  public String describe(String key) {
    Pending p = pending.get(key);
    return p == null
        ? "nothing"
        : p.adds() + " creation(s), deletion of " + p.deletes() + " since " + p.since();
  }

  /** Forgets {@code key} (its object is gone). */
  public void delete(String key) {
    pending.remove(key);
  }
}
