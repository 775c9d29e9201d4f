/**
 * The DaemonSet controller: keeps exactly one pod of each DaemonSet on every node that should run
 * it (node selector, required node affinity, taints against tolerations), replaces pods of an old
 * template by RollingUpdate (maxUnavailable or maxSurge) or OnDelete, keeps the template history
 * that {@code kubectl rollout history/undo} reads, and reports the counts {@code kubectl rollout
 * status} waits for.
 */
package io.nauta.controllers.daemonset;
