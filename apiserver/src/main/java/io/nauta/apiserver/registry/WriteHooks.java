package io.nauta.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a resource needs done beside its own store write: reserving values under other keys (a
 * Service's cluster IP and node ports) that must neither outlive the object nor be missing while it
 * exists. The registry calls {@code begin*} after validation, right before the write, and then the
 * returned {@link Finish} exactly once with whether the write happened; it calls {@link
 * #afterDelete} once the object is gone from the store. Implementations are thread-safe.
 */
public interface WriteHooks {
  /** Hooks that do nothing. */
  WriteHooks NONE =
      new WriteHooks() {
        @Override
        public Finish beginCreate(ObjectNode obj, boolean dryRun) {
          return Finish.NOTHING;
        }

        @Override
        public Finish beginUpdate(ObjectNode obj, ObjectNode old, boolean dryRun) {
          return Finish.NOTHING;
        }

        @Override
        public void afterDelete(ObjectNode obj) {}
      };

  /** Completes what a {@code begin*} started: keeps it on success, undoes it otherwise. */
  @FunctionalInterface
  interface Finish {
    Finish NOTHING = written -> {};

    /**
     * @param written whether the object was written to the store
     */
    void finish(boolean written);
  }

  /**
   * Reserves what a new object needs, filling the reserved values into {@code obj} (storage
   * version, complete with uid). A dry run reserves nothing but reports the same errors and fills
   * in values that would be taken.
   *
   * @throws io.nauta.apiserver.status.ApiException to refuse the object (nothing stays reserved)
   */
  Finish beginCreate(ObjectNode obj, boolean dryRun);

  /**
   * Reserves what an update adds; values {@code old} held and {@code obj} drops are freed by the
   * {@link Finish} once the update is written.
   *
   * @throws io.nauta.apiserver.status.ApiException to refuse the update (nothing stays reserved)
   */
  Finish beginUpdate(ObjectNode obj, ObjectNode old, boolean dryRun);

  /** Frees what {@code obj} (as last stored) held; it is gone from the store. Never throws. */
  void afterDelete(ObjectNode obj);
}
