/**
 * Makes the DNS server reachable at the cluster DNS Service: ensures the selectorless Service
 * {@code kube-system/kube-dns} exists and keeps one EndpointSlice of it per DNS server, naming the
 * address and port the server listens on, so the service proxy sends {@code 10.43.0.10:53} there.
 * The slice is rewritten when it drifts and deleted on a clean shutdown.
 */
package io.nauta.dns.registration;
