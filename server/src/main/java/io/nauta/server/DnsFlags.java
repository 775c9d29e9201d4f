package io.nauta.server;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The cluster DNS server's flags ({@code nauta server}); its domain is {@link NetworkFlags}' {@code
 * --cluster-domain}.
 */
final class DnsFlags {
  static final int DEFAULT_PORT = 10053;

  @Option(names = "--disable-dns", description = "Run no cluster DNS server in this process.")
  Boolean disableDns;

  @Option(
      names = "--dns-port",
      description =
          "The UDP and TCP port of the cluster DNS server, on the server's address; the"
              + " kube-system/kube-dns Service (10.43.0.10:53) leads there (default: 10053, clear"
              + " of a resolver on the host's port 53; 0: any free port).")
  Integer dnsPort;

  @Option(
      names = "--dns-upstream",
      split = ",",
      description =
          "Resolvers (IP[:port], [IPv6]:port) names outside the cluster domain are forwarded to"
              + " (default: the nameservers of /etc/resolv.conf).")
  List<String> upstreams;

  @Option(
      names = "--dns-upstream-timeout",
      converter = GoDurations.class,
      description = "How long to wait for each upstream resolver before SERVFAIL (default: 2s).")
  Duration upstreamTimeout;
}
