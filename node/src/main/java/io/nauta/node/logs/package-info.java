/**
 * Container logs as {@code kubectl logs} reads them: the CRI log files containerd writes (one
 * {@code <RFC 3339 time> <stdout|stderr> <P|F> <text>} record per line, P marking a partial line
 * continued by the next record), filtered by {@code tailLines}, {@code sinceTime}, {@code
 * limitBytes}, optionally prefixed with timestamps and followed while the container runs.
 */
package io.nauta.node.logs;
