package io.nauta.scheduler.framework;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data one scheduling cycle's plugins share, e.g. what PreFilter computed for Filter to read on
 * every node. Thread-safe: Filter and Score run for many nodes in parallel. Keys are plugin names
 * or plugin-owned constants.
 */
public final class CycleState {
  private final ConcurrentHashMap<String, Object> data = new ConcurrentHashMap<>();

  /** Stores {@code value} under {@code key}, replacing what was there. */
  public void write(String key, Object value) {
    data.put(key, value);
  }

  /** The value under {@code key} if it has the given type. */
  public <T> Optional<T> read(String key, Class<T> type) {
    Object v = data.get(key);
    return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
  }
}
