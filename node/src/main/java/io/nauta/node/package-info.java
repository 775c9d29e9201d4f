/**
 * The node agent (kubelet's role): registers the machine as a Node, heartbeats through its Lease,
 * reports its status, and runs the pods bound to it through the container runtime.
 */
package io.nauta.node;
