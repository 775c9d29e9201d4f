/**
 * {@code storage.k8s.io/v1} StorageClasses: how claims of a class are provisioned (provisioner,
 * parameters, reclaim policy, binding mode), and which class is the cluster's default.
 */
package io.nauta.apiserver.resources.storage;
