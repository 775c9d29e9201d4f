/**
 * What the node agent reads from the API server for its pods besides the pods themselves: the
 * ConfigMaps and Secrets they reference (kept current by informers, so a value a container or a
 * volume shows follows updates), the node's allocatable resources (the default limits the downward
 * API reports), and the PersistentVolumeClaims and PersistentVolumes their claim volumes name (read
 * fresh from the API server). Lookups are thread-safe; all but the claims and volumes answer from
 * memory.
 */
package io.nauta.node.sources;
