/**
 * {@code coordination.k8s.io/v1} Leases, the heartbeats and leader-election locks of components.
 */
package io.nauta.apiserver.resources.coordination;
