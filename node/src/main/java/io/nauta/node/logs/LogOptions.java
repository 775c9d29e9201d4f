package io.nauta.node.logs;

import java.time.Instant;

/**
 * What part of a container's log to send, as {@code kubectl logs} asks for it (a PodLogOptions).
 *
 * @param follow keep sending new lines while the container runs
 * @param previous the container's previous (terminated) instance instead of the current one
 * @param timestamps prefix each line with the time it was written (RFC 3339, nanoseconds)
 * @param tailLines only the last lines of the log, or null for all
 * @param since only lines written at or after this time, or null for all
 * @param limitBytes stop after this many bytes, or null for no limit
 */
public record LogOptions(
    boolean follow,
    boolean previous,
    boolean timestamps,
    Long tailLines,
    Instant since,
    Long limitBytes) {

  /** The whole current log, once. */
  public static final LogOptions ALL = new LogOptions(false, false, false, null, null, null);
}
