package io.nauta.store;

/** The store module's unchecked exception, carrying a {@link Code}. */
public class StoreException extends RuntimeException {
  /** Why a store call failed. */
  public enum Code {
    /** The revision asked for has been compacted away. */
    COMPACTED,
    /** The revision asked for is newer than the store's current revision. */
    FUTURE_REVISION,
    /** The watcher fell too far behind and was ended. */
    SLOW_WATCHER,
    /** The store is closed. */
    CLOSED,
    /** The store could not read or write its files; it refuses further writes. */
    IO,
    /** The request was malformed (e.g. a value over the size limit). */
    INVALID
  }

  private final Code code;

  public StoreException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public StoreException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
