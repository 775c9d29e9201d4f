/**
 * Per-key exponential backoff that forgets quiet keys, as client-go's flowcontrol.Backoff: what
 * kubelets use between image pulls and DaemonSets between replacing failed pods.
 */
package io.nauta.client.backoff;
