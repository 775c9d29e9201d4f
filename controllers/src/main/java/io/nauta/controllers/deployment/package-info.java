/**
 * The Deployment controller: one ReplicaSet per pod template revision; RollingUpdate (maxSurge,
 * maxUnavailable) and Recreate rollouts, rollbacks by template, pausing, revision history and the
 * status {@code kubectl rollout status} reads.
 */
package io.nauta.controllers.deployment;
