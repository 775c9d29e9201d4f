/**
 * Keeps the DNS server's records current: shared informers of Services, EndpointSlices and Pods
 * (list, then watch, as every Nauta component), and a snapshot rebuilt after Service or
 * EndpointSlice changes, coalescing bursts into one rebuild. Pod names are verified against the Pod
 * informer's IP index at query time, so pod churn costs no rebuild.
 */
package io.nauta.dns.watch;
