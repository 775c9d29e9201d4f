/**
 * The PVC protection controller: a claim being deleted keeps its {@code
 * kubernetes.io/pvc-protection} finalizer while a scheduled, unfinished pod uses it, and loses it
 * (so the claim goes) once none does, checked against the API server before letting go.
 */
package io.nauta.controllers.volume.pvcprotection;
