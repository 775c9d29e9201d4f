/**
 * The node's share of the pod network: waiting for the node's pod CIDR and handing it to the CNI
 * configuration ({@link PodNetwork}), routes to the other nodes' pod CIDRs via their addresses
 * (host-gw, {@link NodeRoutes}), masquerading of pods' traffic leaving the cluster ({@link
 * PodMasquerade}), and the resolv.conf pods get ({@link PodDns}).
 */
package io.nauta.node.network;
