package io.nauta.apiserver.allocation;

/**
 * The object an allocated value belongs to. The uid decides: a value is released only by (or on
 * behalf of) the object with the uid that allocated it, never by a later object of the same name.
 *
 * @param namespace the object's namespace ("" for cluster-scoped objects)
 * @param name the object's name (informational: generateName may still change it)
 * @param uid the object's uid
 */
public record Owner(String namespace, String name, String uid) {
  @Override
  public String toString() {
    return namespace + "/" + name + " (" + uid + ")";
  }
}
