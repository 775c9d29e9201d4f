/**
 * VolumeBinding: a pod's PersistentVolumeClaims decide where it may run. A missing or deleting
 * claim, or an unbound claim of a class that binds at once (Immediate), leaves the pod Pending; a
 * bound claim's volume admits only the nodes its node affinity names; an unbound claim of a
 * WaitForFirstConsumer class fits a node with a matching free volume there, or one its class's
 * provisioner can provision on. After a node is chosen the plugin binds those volumes or selects
 * the node for provisioning, and holds the pod's binding until every claim is bound.
 */
package io.nauta.scheduler.plugins.volumebinding;
