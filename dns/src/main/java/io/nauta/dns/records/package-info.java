/**
 * The cluster's DNS data: an immutable snapshot of Services, their ready endpoints and the reverse
 * (IP to name) map, built purely from informer caches. A snapshot never changes once built, so
 * queries read it without locks while the next one is built.
 */
package io.nauta.dns.records;
