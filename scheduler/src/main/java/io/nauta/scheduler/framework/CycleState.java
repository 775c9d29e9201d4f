package io.nauta.scheduler.framework;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data one scheduling cycle's plugins share, e.g. what PreFilter computed for Filter to read on
 * every node, and the {@link Listers} through which plugins see cluster objects other than nodes
 * and pods. Thread-safe: Filter and Score run for many nodes in parallel. Keys are plugin names or
 * plugin-owned constants.
 */
public final class CycleState {
  /** A value that changes during a cycle (preemption's what-if); {@link #copy} makes it private. */
  public interface Mutable {
    Mutable copy();
  }

  private final ConcurrentHashMap<String, Object> data = new ConcurrentHashMap<>();
  private final Listers listers;

  public CycleState() {
    this(Listers.NONE);
  }

  public CycleState(Listers listers) {
    this.listers = listers;
  }

  public Listers listers() {
    return listers;
  }

  /** Stores {@code value} under {@code key}, replacing what was there. */
  public void write(String key, Object value) {
    data.put(key, value);
  }

  /** The value under {@code key} if it has the given type. */
  public <T> Optional<T> read(String key, Class<T> type) {
    Object v = data.get(key);
    return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
  }

  /** A copy whose {@link Mutable} values are copies too, so changing it leaves this one alone. */
  public CycleState copy() {
    CycleState c = new CycleState(listers);
    for (Map.Entry<String, Object> e : data.entrySet()) {
      c.data.put(e.getKey(), e.getValue() instanceof Mutable m ? m.copy() : e.getValue());
    }
    return c;
  }
}
