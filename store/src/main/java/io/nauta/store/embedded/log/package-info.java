/**
 * The embedded engine's files: a write-ahead log of CRC32C-framed records split into segments,
 * snapshots of the state at a compaction, and a locked data directory; a record is either wholly
 * readable back or detected as damaged, and every file is synced (with its directory) before it is
 * relied on.
 *
 * <p>Internal to {@link io.nauta.store.embedded}; not an API.
 */
package io.nauta.store.embedded.log;
