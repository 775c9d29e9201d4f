/**
 * {@code storage.k8s.io/v1} StorageClasses: how claims of a class are provisioned (provisioner,
 * parameters, reclaim policy, binding mode), and which class is the cluster's default; CSINodes:
 * the volume drivers each node runs and how many of their volumes it can hold.
 */
package io.nauta.apiserver.resources.storage;
