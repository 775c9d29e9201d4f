/**
 * The StatefulSet controller: gives each StatefulSet pods with stable ordinal names and identities,
 * created and deleted in ordinal order (OrderedReady waits for each pod to be Running and Ready;
 * Parallel does not), rolled to a new template from the highest ordinal down to the partition, with
 * the revision history {@code kubectl rollout history/undo} reads and the status {@code kubectl
 * rollout status} waits for; each pod's claims from the volumeClaimTemplates, made before it, kept
 * for its successors and deleted with the set or a scale-down only as the set's
 * persistentVolumeClaimRetentionPolicy says.
 */
package io.nauta.controllers.statefulset;
