/**
 * Forwarding of names outside the cluster domain to the upstream resolvers of the machine the DNS
 * server runs on (its resolv.conf, or resolvers given explicitly): every forwarded query gets a
 * reply, the upstream's or SERVFAIL once the timeout passes.
 */
package io.nauta.dns.upstream;
