package io.nauta.dns.records;

import java.net.InetAddress;
import java.util.List;

/**
 * What DNS knows of one Service: its {@link Kind}, cluster IPs (none when headless or not yet
 * allocated), ExternalName target (lower-cased, no trailing dot; null unless EXTERNAL_NAME), its
 * ports and its ready endpoint addresses (unique by IP, sorted).
 */
public record ServiceEntry(
    String namespace,
    String name,
    Kind kind,
    List<InetAddress> clusterIps,
    String externalName,
    List<ServicePort> ports,
    List<EndpointAddress> endpoints) {

  /** How a Service's own name resolves. */
  public enum Kind {
    /** To its cluster IPs. */
    CLUSTER_IP,
    /** To the addresses of its ready endpoints. */
    HEADLESS,
    /** To a CNAME of its external name. */
    EXTERNAL_NAME
  }
}
