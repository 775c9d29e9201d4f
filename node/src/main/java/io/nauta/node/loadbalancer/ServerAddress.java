package io.nauta.node.loadbalancer;

import java.net.URI;

/**
 * Where an API server listens.
 *
 * @param host a host name or IP address (IPv6 without brackets)
 * @param port the TCP port
 */
public record ServerAddress(String host, int port) {
  public ServerAddress {
    if (host == null || host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("not a server address: " + host + ":" + port);
    }
  }

  /**
   * Parses {@code https://HOST:PORT} (port 443 when absent), or {@code HOST:PORT}; IPv6 hosts in
   * brackets.
   *
   * @throws IllegalArgumentException if {@code text} is neither
   */
  public static ServerAddress parse(String text) {
    String s = text.strip();
    URI uri;
    try {
      uri = URI.create(s.contains("://") ? s : "https://" + s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a server URL: " + text);
    }
    if (uri.getHost() == null
        || !"https".equals(uri.getScheme())
        || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
      throw new IllegalArgumentException(
          "not a server URL: " + text + " (expected https://HOST:PORT)");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new ServerAddress(host, uri.getPort() == -1 ? 443 : uri.getPort());
  }

  /** {@code https://HOST:PORT}. */
  public String url() {
    return "https://" + this;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
