/**
 * Nauta's cluster DNS server: answers for the cluster domain ({@code cluster.local}) from Services,
 * EndpointSlices and Pods watched through the API, following Kubernetes' DNS specification, and
 * forwards every other name to the machine's upstream resolvers. It is an API client like the other
 * components; {@link io.nauta.dns.ClusterDnsServer} wires its parts together.
 */
package io.nauta.dns;
