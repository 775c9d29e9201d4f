/**
 * The watch cache: a {@link io.nauta.store.Store} in front of another that keeps the newest value
 * of every key and a window of recent events in memory, fed by one watch on the store beneath, so
 * lists and watches are served from memory and the store's load does not grow with the number of
 * watchers. Reads at the latest revision stay consistent: the cache first catches up with the
 * store's current revision, as Kubernetes' consistent reads from cache do.
 */
package io.nauta.store.cache;
