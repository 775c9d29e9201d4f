/**
 * The built-in dynamic provisioner {@code nauta.io/local-path}: for a claim handed to it (by the
 * volume controller's {@code volume.kubernetes.io/storage-provisioner} annotation) it creates a
 * hostPath volume at {@code <directory the node announces>/pvc-<claim uid>}, pre-bound to the claim
 * and pinned to the node by node affinity. The node is the claim's {@code
 * volume.kubernetes.io/selected-node} for WaitForFirstConsumer classes, else a Ready node it picks.
 * It never touches a node's files: the node's agent makes the directory, and removes it (then the
 * volume's {@value LocalPathVolumes#CLEANUP_FINALIZER} finalizer) once the volume is deleted.
 */
package io.nauta.controllers.volume.localpath;
