package io.nauta.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.dns.ClusterDnsServer;
import io.nauta.dns.upstream.ResolvConf;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Starts the cluster DNS server of {@code nauta server}: an API client of the server like the other
 * components, listening on the server's own address (never the wildcard, so it leaves a resolver on
 * the host alone) and registered as the endpoint of {@code kube-system/kube-dns}.
 */
final class ClusterDns {
  private ClusterDns() {}

  /**
   * What {@code flags} (with {@code fallback} for flags not on the line) configure, for the
   * cluster's {@code network} (domain and the DNS service's address).
   */
  static ClusterDnsServer.Config config(
      DnsFlags flags,
      Function<String, String> fallback,
      String bind,
      String nodeName,
      NetworkFlags.Cluster network)
      throws IOException {
    String domain = network.clusterDomain();
    int port =
        flags.dnsPort != null
            ? flags.dnsPort
            : Integer.parseInt(
                pick(null, fallback.apply("--dns-port"), String.valueOf(DnsFlags.DEFAULT_PORT)));
    List<InetSocketAddress> upstreams = new ArrayList<>();
    String fromFile = fallback.apply("--dns-upstream");
    List<String> given =
        flags.upstreams != null
            ? flags.upstreams
            : fromFile == null ? List.of() : List.of(fromFile.split(","));
    for (String u : given) {
      upstreams.add(ResolvConf.upstream(u));
    }
    if (upstreams.isEmpty()) {
      upstreams.addAll(ResolvConf.read(ResolvConf.DEFAULT));
    }
    String timeoutText = fallback.apply("--dns-upstream-timeout");
    Duration timeout =
        flags.upstreamTimeout != null
            ? flags.upstreamTimeout
            : timeoutText != null ? GoDurations.parse(timeoutText) : Duration.ofSeconds(2);
    return new ClusterDnsServer.Config(
        domain, address(bind), port, upstreams, timeout, nodeName, network.clusterDns().get(0));
  }

  /**
   * The address to listen on: the server's bind address, or when that is the wildcard the machine's
   * first non-loopback IPv4 address (what other nodes and the service proxy reach).
   */
  static InetAddress address(String bind) throws IOException {
    boolean everywhere =
        bind == null || bind.isEmpty() || bind.equals("0.0.0.0") || bind.equals("::");
    return InetAddress.getByName(everywhere ? AgentRunner.firstAddress() : bind);
  }

  /** Starts the DNS server against the API server of {@code kubeconfig}; close it to stop. */
  static AutoCloseable start(Path kubeconfig, ClusterDnsServer.Config config) throws Exception {
    KubernetesClient client = Components.client(kubeconfig, "nauta-dns");
    ClusterDnsServer dns;
    try {
      dns = ClusterDnsServer.start(client, config, Clock.systemUTC());
    } catch (Exception e) {
      client.close();
      throw e;
    }
    String at = dns.address().getHostAddress();
    System.out.println(
        "Cluster DNS serves "
            + config.domain()
            + " at "
            + (at.contains(":") ? "[" + at + "]" : at)
            + ":"
            + dns.port()
            + " (UDP and TCP), the endpoint of Service kube-system/kube-dns; other names go to "
            + config.upstreams().stream().map(ClusterDns::text).toList());
    return () -> {
      dns.close();
      client.close();
    };
  }

  private static String text(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  private static String pick(String flag, String fromFile, String dflt) {
    return flag != null ? flag : fromFile != null ? fromFile : dflt;
  }
}
