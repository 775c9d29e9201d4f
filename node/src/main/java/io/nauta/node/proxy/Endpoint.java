package io.nauta.node.proxy;

import io.nauta.api.net.Ipv4;

/**
 * One backend of a service port, from an EndpointSlice: its first address and the slice port's
 * number, the node it runs on (empty when unknown) and its conditions with the API's defaults
 * already applied (ready: unknown means ready; serving: unknown means as ready; terminating:
 * unknown means not).
 */
public record Endpoint(
    String ip, int port, String nodeName, boolean ready, boolean serving, boolean terminating)
    implements Comparable<Endpoint> {

  /** A ready, serving, not terminating endpoint on {@code nodeName}. */
  public static Endpoint ready(String ip, int port, String nodeName) {
    return new Endpoint(ip, port, nodeName, true, true, false);
  }

  /** {@code ip/port}, the endpoint's part in rule names. */
  public String address() {
    return ip + "/" + port;
  }

  /** Numeric order by address, then port: rules list endpoints in a stable order. */
  @Override
  public int compareTo(Endpoint o) {
    int c = Long.compare(Ipv4.parse(ip), Ipv4.parse(o.ip));
    return c != 0 ? c : Integer.compare(port, o.port);
  }
}
