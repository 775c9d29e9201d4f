/**
 * The node's share of local-path storage: the agent announces the directory it keeps volumes in
 * (annotation {@code nauta.io/local-path-dir} on its Node), makes the directory of every local-path
 * volume provisioned on this node, and removes it once the volume is deleted, then releases the
 * volume's {@code nauta.io/local-path-cleanup} finalizer. It registers the local-path driver in the
 * node's CSINode, with the limit on how many such volumes the node holds, if any. It only ever
 * touches {@code pvc-*} directories directly under its own storage directory, whatever a volume
 * says.
 */
package io.nauta.node.storage;
