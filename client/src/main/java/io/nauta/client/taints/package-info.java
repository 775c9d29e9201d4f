/**
 * Taints and tolerations as Kubernetes matches them, shared by the scheduler (which nodes may take
 * a pod) and the controllers (which pods must leave a node, which nodes a DaemonSet covers).
 */
package io.nauta.client.taints;
