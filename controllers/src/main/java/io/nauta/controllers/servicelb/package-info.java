/**
 * A node-level load balancer for Services of type LoadBalancer, like k3s' ServiceLB: with no cloud
 * to ask, a service's load balancer is the cluster's nodes themselves — their addresses become its
 * ingress, and each node's service proxy sends traffic for those addresses and the service's ports
 * to the service.
 */
package io.nauta.controllers.servicelb;
