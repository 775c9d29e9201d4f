/**
 * The agent-side load balancer (k3s' role for its agents): the node agent's API clients talk to
 * {@code https://127.0.0.1:PORT}, a plain TCP relay that passes each new connection to the first
 * API server that accepts it, so an agent keeps working when one of several API servers is lost.
 *
 * <p>Guarantees: TLS stays end to end (the relay sees only ciphertext; the API servers' serving
 * certificates name 127.0.0.1, so clients verify them as usual); a new connection tries the server
 * that last accepted one first, then the others in their configured order; a server that dies
 * breaks only the connections relayed to it, and the clients' reconnections go to a live one. The
 * servers are those given at start plus those {@link io.nauta.node.loadbalancer.ServerDiscovery}
 * learns from the {@code default/kubernetes} Endpoints, where every API server publishes its
 * advertise address.
 *
 * <p>Flow: client connects to the {@link io.nauta.node.loadbalancer.LoadBalancer}'s loopback port →
 * dial the preferred {@link io.nauta.node.loadbalancer.ServerAddress}, else the next → a {@link
 * io.nauta.node.loadbalancer.Relay} copies bytes both ways until either side closes.
 */
package io.nauta.node.loadbalancer;
