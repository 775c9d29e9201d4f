/**
 * The {@link io.nauta.store.Store} contract over an etcd v3 cluster: reads are linearizable ranges,
 * guarded writes are transactions comparing a key's create or mod revision, watches are etcd
 * watches resumed after the last delivered revision when a member goes away, so a listener never
 * misses nor repeats an event. Revisions are etcd's own.
 */
package io.nauta.store.etcd;
