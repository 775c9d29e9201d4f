package io.nauta.store.embedded;

import io.nauta.store.WriteResult;
import java.util.concurrent.CompletableFuture;

/** A unit of work queued for the {@link Committer}. */
sealed interface Request {

  /** The guarded writes. */
  enum Op {
    CREATE,
    UPDATE,
    DELETE
  }

  /**
   * A create, update or delete of {@code key}.
   *
   * @param value the new value; null for DELETE
   * @param expectedModRevision the guard for UPDATE and DELETE; 0 for any
   */
  record Write(
      Op op,
      String key,
      byte[] value,
      long expectedModRevision,
      CompletableFuture<WriteResult> future)
      implements Request {}

  /** Discard history before {@code revision}; completes once that is durable and applied. */
  record Compact(long revision, CompletableFuture<Void> future) implements Request {}

  /** Tells the committer to stop after the requests queued before it. */
  enum Stop implements Request {
    INSTANCE
  }
}
