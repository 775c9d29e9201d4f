/**
 * Moving a whole store's contents into a file and back, for any {@link io.nauta.store.Store}
 * engine: {@link io.nauta.store.dump.StoreExporter} writes every key at one revision, {@link
 * io.nauta.store.dump.StoreImporter} loads such a file into an empty store, so that an API server
 * started on the result serves the same objects (same names, UIDs and contents).
 *
 * <h2>The dump format, version 1</h2>
 *
 * <p>UTF-8 text, one JSON object per line ("JSON lines"):
 *
 * <pre>
 * {"format":"nauta-store-dump","version":1,"revision":812,"keys":2,"exportedAt":"2026-12-01T14:00:00Z"}
 * {"key":"/registry/namespaces/default","value":"eyJhcGlWZXJzaW9uIjoi...","modRevision":3}
 * {"key":"/registry/pods/default/web","value":"eyJhcGlWZXJzaW9uIjoi...","modRevision":811}
 * </pre>
 *
 * <ul>
 *   <li>The first line is the header: {@code format} is always {@value
 *       io.nauta.store.dump.DumpFormat#FORMAT}; {@code version} is the format version (a reader
 *       refuses versions it does not know); {@code revision} is the store revision the keys were
 *       read at; {@code keys} is how many key lines follow (a reader refuses a file with fewer or
 *       more, so a truncated file is never loaded); {@code exportedAt} is informational.
 *   <li>Every further line is one key: {@code key} as a JSON string, {@code value} as standard
 *       base64 (values are opaque bytes), {@code modRevision} (informational: the revision of the
 *       key's last write in the exported store). Keys are unique and appear in modRevision order,
 *       so loading them one by one recreates them in the order they were last written.
 * </ul>
 *
 * <p>Revisions are not carried over: a loaded store numbers its writes from 1, so objects keep
 * their UIDs and contents but get new resourceVersions, and clients must relist (as after an etcd
 * restore). History before the export (older versions, deletions) is not part of a dump.
 */
package io.nauta.store.dump;
