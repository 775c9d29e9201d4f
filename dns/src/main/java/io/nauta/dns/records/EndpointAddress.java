package io.nauta.dns.records;

import java.net.InetAddress;
import java.util.List;

/**
 * One ready endpoint address of a Service, with the ports its EndpointSlice lists. {@code hostname}
 * is the endpoint's lower-cased hostname (from the pod's spec.hostname when it names a headless
 * service as its subdomain), or null: then its DNS name is the dashed form of its IP ({@link
 * DashedIps}).
 */
public record EndpointAddress(InetAddress ip, String hostname, List<ServicePort> ports) {
  /** The first label of this endpoint's own name under its Service. */
  public String label() {
    return hostname != null ? hostname : DashedIps.format(ip);
  }
}
