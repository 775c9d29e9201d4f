/**
 * What the node agent reads from the API server for its pods besides the pods themselves: the
 * ConfigMaps and Secrets they reference (kept current by informers, so a value a container or a
 * volume shows follows updates) and the node's allocatable resources (the default limits the
 * downward API reports). Lookups are thread-safe and answer from memory.
 */
package io.nauta.node.sources;
