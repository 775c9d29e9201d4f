/**
 * Node IPAM: gives every node a pod CIDR (a /24 by default) from the cluster CIDR, recorded in
 * {@code spec.podCIDR} and {@code spec.podCIDRs}, which the node's agent hands its pods' addresses
 * out of and other nodes route to.
 */
package io.nauta.controllers.nodeipam;
