package io.nauta.server;

import io.nauta.apiserver.services.ServiceNetwork;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The API server's Service network flags: where cluster IPs and node ports come from. */
final class ServiceFlags {
  @Option(
      names = "--service-cidr",
      description =
          "IPv4 range Service cluster IPs are allocated from; its first address is the kubernetes"
              + " Service's (default: "
              + ServiceNetwork.DEFAULT_SERVICE_CIDR
              + ").")
  String serviceCidr;

  @Option(
      names = "--service-node-port-range",
      description =
          "Port range NodePort and LoadBalancer Services' node ports come from (default: "
              + ServiceNetwork.DEFAULT_NODE_PORTS
              + ").")
  String nodePortRange;

  @Option(
      names = "--advertise-address",
      description =
          "IPv4 address this API server is reached at, published as the kubernetes Service's"
              + " endpoint (default: the bind address if specific, else the first non-loopback"
              + " IPv4 address).")
  String advertiseAddress;

  /**
   * The configuration, with {@code fallback(flag)} giving a flag's value when not on the line.
   *
   * @param clusterDns {@code --cluster-dns} ({@link NetworkFlags}) if given, else null for the
   *     service CIDR's tenth address
   * @throws IllegalArgumentException for a value that does not parse or does not fit
   */
  ServiceNetwork network(Function<String, String> fallback, String clusterDns) {
    return ServiceNetwork.parse(
        pick(serviceCidr, fallback, "--service-cidr"),
        pick(nodePortRange, fallback, "--service-node-port-range"),
        clusterDns,
        pick(advertiseAddress, fallback, "--advertise-address"));
  }

  private static String pick(String flag, Function<String, String> fallback, String name) {
    return flag != null ? flag : fallback.apply(name);
  }
}
