package io.nauta.server;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The cluster network's flags, shared by {@code server}, {@code agent} and {@code
 * controller-manager}: they must agree on every machine.
 */
final class NetworkFlags {
  static final String CLUSTER_CIDR = "10.42.0.0/16";
  static final String CLUSTER_DNS = "10.43.0.10";
  static final String CLUSTER_DOMAIN = "cluster.local";

  @Option(
      names = "--cluster-cidr",
      description =
          "The pods' addresses: each node gets a /24 of it as its pod CIDR (default: "
              + CLUSTER_CIDR
              + ").")
  String clusterCidr;

  @Option(
      names = "--cluster-dns",
      description =
          "The cluster DNS service's address (kube-system/kube-dns), the name server of"
              + " ClusterFirst pods (default: "
              + CLUSTER_DNS
              + ", on the server the tenth address of --service-cidr).")
  String clusterDns;

  @Option(
      names = "--cluster-domain",
      description = "The cluster's DNS domain (default: " + CLUSTER_DOMAIN + ").")
  String clusterDomain;

  /** The values every node and controller must agree on. */
  record Cluster(String clusterCidr, List<String> clusterDns, String clusterDomain) {
    /** The same with the cluster DNS service at {@code ip}. */
    Cluster withClusterDns(String ip) {
      return new Cluster(clusterCidr, List.of(ip), clusterDomain);
    }
  }

  /** {@code --cluster-dns} as given on the line or in the config file, or null. */
  String clusterDnsGiven(Function<String, String> fallback) {
    return clusterDns != null ? clusterDns : fallback.apply("--cluster-dns");
  }

  /** The flags' values, else {@code fallback(flag)} (a config file's), else the defaults. */
  Cluster resolve(Function<String, String> fallback) {
    return new Cluster(clusterCidr(fallback), clusterDns(fallback), clusterDomain(fallback));
  }

  /**
   * {@code --cluster-cidr}, else {@code fallback("--cluster-cidr")} (a config file), else 10.42/16.
   */
  String clusterCidr(Function<String, String> fallback) {
    return pick(clusterCidr, fallback.apply("--cluster-cidr"), CLUSTER_CIDR);
  }

  List<String> clusterDns(Function<String, String> fallback) {
    return List.of(pick(clusterDns, fallback.apply("--cluster-dns"), CLUSTER_DNS).split(","));
  }

  String clusterDomain(Function<String, String> fallback) {
    return pick(clusterDomain, fallback.apply("--cluster-domain"), CLUSTER_DOMAIN);
  }

  private static String pick(String flag, String fromFile, String dflt) {
    return flag != null ? flag : fromFile != null ? fromFile : dflt;
  }
}
