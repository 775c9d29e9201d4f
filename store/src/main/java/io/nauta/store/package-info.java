/**
 * The etcd-shaped key-value {@link io.nauta.store.Store} contract that the API server persists
 * objects through: one global revision, compare-and-swap writes, ordered gap-free watches and
 * compaction.
 */
package io.nauta.store;
