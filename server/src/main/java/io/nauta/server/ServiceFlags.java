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
      names = "--cluster-dns",
      description =
          "Cluster IP of the kube-system/kube-dns Service (default: the tenth address of the"
              + " service CIDR, "
              + ServiceNetwork.DEFAULT_CLUSTER_DNS
              + ").")
  String clusterDns;

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
   * @throws IllegalArgumentException for a value that does not parse or does not fit
   */
  ServiceNetwork network(Function<String, String> fallback) {
    return ServiceNetwork.parse(
        pick(serviceCidr, fallback, "--service-cidr"),
        pick(nodePortRange, fallback, "--service-node-port-range"),
        pick(clusterDns, fallback, "--cluster-dns"),
        pick(advertiseAddress, fallback, "--advertise-address"));
  }

  private static String pick(String flag, Function<String, String> fallback, String name) {
    return flag != null ? flag : fallback.apply(name);
  }
}
