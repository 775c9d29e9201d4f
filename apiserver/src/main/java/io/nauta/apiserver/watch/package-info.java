/**
 * Watch streams: a store watch filtered by selectors and converted to the served version, written
 * as newline-delimited {@code WatchEvent}s with bookmarks, timeouts, and 410 Gone for compacted
 * history.
 */
package io.nauta.apiserver.watch;
