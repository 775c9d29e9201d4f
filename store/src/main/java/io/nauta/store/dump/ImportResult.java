package io.nauta.store.dump;

/** How a {@link StoreImporter#load} ended; only {@link Loaded} wrote anything. */
public sealed interface ImportResult {
  /** Every key of the file is in the store. */
  record Loaded(DumpFormat.Summary summary) implements ImportResult {}

  /** The store already holds {@code keys} keys; nothing was written. */
  record NotEmpty(long keys) implements ImportResult {}

  /** The file is not a dump this code can load; nothing was written. */
  record Malformed(long line, String reason) implements ImportResult {}
}
