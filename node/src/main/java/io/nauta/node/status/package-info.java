/**
 * The node's presence in the API: registering the Node object, renewing its Lease in {@code
 * kube-node-lease} every 10 s (the heartbeat the node lifecycle controller watches), and posting
 * its status (capacity, conditions, addresses, node info) when it changes and at least every
 * minute.
 */
package io.nauta.node.status;
