package io.nauta.store;

/**
 * One change seen by a watch.
 *
 * @param type PUT (create or update) or DELETE
 * @param revision the revision of the change
 * @param kv for PUT the new version; for DELETE the last version before deletion
 * @param prevKv the version before the change, or null on create
 */
public record Event(Type type, long revision, KeyValue kv, KeyValue prevKv) {
  /** The kind of change. */
  public enum Type {
    PUT,
    DELETE
  }

  /** True if this PUT created the key. */
  public boolean isCreate() {
    return type == Type.PUT && prevKv == null;
  }
}
