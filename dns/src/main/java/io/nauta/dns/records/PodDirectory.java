package io.nauta.dns.records;

import java.net.InetAddress;

/**
 * Whether a pod with an IP lives in a namespace: what {@code a-b-c-d.ns.pod.<zone>} answers are
 * verified against (so names of pods that do not exist are NXDOMAIN). Implementations are
 * thread-safe and answer from memory.
 */
@FunctionalInterface
public interface PodDirectory {
  /** No pods at all. */
  PodDirectory NONE = (namespace, ip) -> false;

  /** Whether a pod of {@code namespace} (lower-case) has {@code ip} as one of its pod IPs. */
  boolean has(String namespace, InetAddress ip);
}
