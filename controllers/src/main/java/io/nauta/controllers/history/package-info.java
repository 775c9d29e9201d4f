/**
 * ControllerRevision history of DaemonSets and StatefulSets, Kubernetes' way: each distinct pod
 * template is stored once, as a ControllerRevision named {@code <owner>-<hash>} whose {@code data}
 * is the strategic merge patch {@code kubectl rollout undo} sends back to the owner, numbered in
 * increasing order (a template that returns takes the next number), and the history is trimmed to
 * {@code spec.revisionHistoryLimit} without ever deleting a revision still in use.
 */
package io.nauta.controllers.history;
