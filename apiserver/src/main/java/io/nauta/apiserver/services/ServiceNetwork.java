package io.nauta.apiserver.services;

import io.nauta.apiserver.allocation.IpRange;
import io.nauta.apiserver.allocation.PortRange;

/**
 * How the API server hands out Service addresses.
 *
 * @param serviceCidr where cluster IPs come from; its first address is the {@code kubernetes}
 *     Service's
 * @param nodePorts where node ports come from
 * @param clusterDns the {@code kube-system/kube-dns} Service's cluster IP, in {@code serviceCidr}
 * @param advertiseAddress the address other machines reach this API server at (the {@code
 *     kubernetes} Service's endpoint), or null to pick one from the bind address and the host
 */
public record ServiceNetwork(
    IpRange serviceCidr, PortRange nodePorts, String clusterDns, String advertiseAddress) {
  public static final String DEFAULT_SERVICE_CIDR = "10.43.0.0/16";
  public static final String DEFAULT_NODE_PORTS = "30000-32767";
  public static final String DEFAULT_CLUSTER_DNS = "10.43.0.10";

  public static final ServiceNetwork DEFAULTS =
      new ServiceNetwork(
          IpRange.parse(DEFAULT_SERVICE_CIDR),
          PortRange.parse(DEFAULT_NODE_PORTS),
          DEFAULT_CLUSTER_DNS,
          null);

  public ServiceNetwork {
    if (serviceCidr.offsetOf(clusterDns) < 0) {
      throw new IllegalArgumentException(
          "the cluster DNS address "
              + clusterDns
              + " is not a usable address of the service CIDR "
              + serviceCidr.describe());
    }
    if (serviceCidr.offsetOf(clusterDns) == 0) {
      throw new IllegalArgumentException(
          "the cluster DNS address "
              + clusterDns
              + " is the kubernetes Service's (the first of the service CIDR)");
    }
    if (advertiseAddress != null && IpRange.parseIp(advertiseAddress) < 0) {
      throw new IllegalArgumentException(
          "the advertise address must be an IPv4 address, not " + advertiseAddress);
    }
  }

  /**
   * Parses the flags' text forms; null or empty ones take the defaults, the cluster DNS address the
   * tenth address of the service CIDR (10.43.0.10 of 10.43.0.0/16).
   *
   * @throws IllegalArgumentException for a value that does not parse or does not fit
   */
  public static ServiceNetwork parse(
      String serviceCidr, String nodePorts, String clusterDns, String advertiseAddress) {
    IpRange cidr = IpRange.parse(orDefault(serviceCidr, DEFAULT_SERVICE_CIDR));
    return new ServiceNetwork(
        cidr,
        PortRange.parse(orDefault(nodePorts, DEFAULT_NODE_PORTS)),
        orDefault(clusterDns, cidr.valueAt(Math.min(9, cidr.size() - 1))),
        advertiseAddress == null || advertiseAddress.isBlank() ? null : advertiseAddress.trim());
  }

  private static String orDefault(String v, String dflt) {
    return v == null || v.isBlank() ? dflt : v.trim();
  }

  /** The {@code kubernetes} Service's cluster IP: the first usable address of the CIDR. */
  public String kubernetesServiceIp() {
    return serviceCidr.valueAt(0);
  }
}
