/**
 * The service proxy (kube-proxy's role): watches Services and EndpointSlices and programs the
 * kernel with nftables so that ClusterIP:port and any local address:nodePort load-balance over the
 * ready endpoints, from pods, from the node itself and from other nodes, with hairpin and
 * masquerade handled as kube-proxy does.
 *
 * <p>Guarantees: all rules live in one table ({@code table ip nauta-proxy}) of the network
 * namespace the agent runs in; every change is one {@code nft -f} transaction, so the kernel always
 * holds a whole ruleset (the old or the new one, never half of each); other tables are never
 * touched; the table is deleted when the proxy stops, and a table left by a crashed agent is
 * replaced at start. Changes are applied at most every {@link ServiceProxy.Config#minSyncInterval}
 * and usually well within a second of the endpoint change.
 *
 * <p>Flow: informers ({@link ApiServiceSource}) → {@link ServicePorts} and {@link EndpointsMap}
 * (what to serve) → {@link EndpointSelection} (which endpoints take which traffic) → {@link
 * ProxyRules} (the desired {@link Ruleset}) → {@link NftScript} (the transaction from the applied
 * ruleset to the desired one) → {@link Nft} (the kernel) → {@link StaleFlows} and {@link Conntrack}
 * (UDP flows to endpoints that went are deleted, as kube-proxy does).
 */
package io.nauta.node.proxy;
