/**
 * The DNS server's transports: UDP and TCP listeners on one address and port (Netty), which hand
 * each query to a {@link io.nauta.dns.server.Responder} and send back its reply, truncated with the
 * TC bit over UDP when it exceeds 512 bytes or the client's EDNS payload size.
 */
package io.nauta.dns.server;
