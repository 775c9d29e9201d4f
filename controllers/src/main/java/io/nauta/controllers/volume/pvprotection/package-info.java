/**
 * The PV protection controller: a volume being deleted keeps its {@code
 * kubernetes.io/pv-protection} finalizer while it is Bound to a claim, and loses it once not.
 */
package io.nauta.controllers.volume.pvprotection;
