package io.nauta.store.embedded.log;

/** One entry of the write-ahead log. */
public sealed interface LogRecord {

  /** A create or update of {@code key} at {@code revision}; the previous version is implied. */
  record Put(long revision, String key, byte[] value) implements LogRecord {}

  /** A deletion of {@code key} at {@code revision}. */
  record Delete(long revision, String key) implements LogRecord {}

  /** History before {@code revision} was discarded; takes no revision of its own. */
  record Compact(long revision) implements LogRecord {}
}
