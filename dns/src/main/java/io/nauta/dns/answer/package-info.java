/**
 * Answers DNS queries for the cluster domain from a {@link io.nauta.dns.records.ClusterRecords}
 * snapshot, following Kubernetes' DNS-based service discovery specification: a query message in, a
 * reply message (or the decision to forward it upstream) out. Pure and thread-safe: no I/O, no
 * clock, no state between queries.
 */
package io.nauta.dns.answer;
