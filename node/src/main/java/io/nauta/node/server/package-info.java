/**
 * The node agent's HTTPS API (a kubelet's port 10250): the API server proxies {@code kubectl logs},
 * {@code exec}, {@code attach}, {@code port-forward} and node-proxy requests here. TLS is mandatory
 * and so is a client certificate chained to the cluster CA; a {@link
 * io.nauta.node.server.ClientAuthenticator} then decides who may call (by default only the API
 * server's own client identity). Handlers run on virtual threads; upgraded connections (WebSocket,
 * SPDY) leave HTTP behind and are served by {@link io.nauta.node.streaming}.
 */
package io.nauta.node.server;
