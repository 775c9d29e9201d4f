package io.nauta.store;

/**
 * The outcome of a guarded write.
 *
 * @param outcome what happened
 * @param kv on OK the written key (for delete: the key as it was before deletion); on CONFLICT or
 *     ALREADY_EXISTS the current key; on NOT_FOUND null
 * @param revision on OK the revision of the write; otherwise the store's current revision
 */
public record WriteResult(Outcome outcome, KeyValue kv, long revision) {
  /** What a guarded write did. */
  public enum Outcome {
    OK,
    ALREADY_EXISTS,
    NOT_FOUND,
    CONFLICT
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }
}
