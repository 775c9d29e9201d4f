/**
 * The ReplicaSet controller: keeps exactly {@code spec.replicas} active pods matching each
 * ReplicaSet's selector, adopting matching orphans and releasing pods that stop matching, and
 * reports replicas, ready and available counts in its status.
 */
package io.nauta.controllers.replicaset;
