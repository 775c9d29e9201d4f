package io.nauta.node.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.nauta.api.net.Ipv4;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The service ports the proxy programs, read from Services: every port of a service with an IPv4
 * cluster IP, plus its node port for NodePort and LoadBalancer services. ExternalName and headless
 * services get none; so do ports of protocols the kernel rules do not cover. LoadBalancer services
 * are served like NodePort ones (Nauta assigns no external addresses).
 */
public final class ServicePorts {
  /** kube-proxy's default ClientIP affinity timeout (three hours). */
  public static final int DEFAULT_AFFINITY_SECONDS = 10_800;

  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

  private ServicePorts() {}

  /** The ports of {@code services} to program, in no particular order. */
  public static List<ServicePort> of(Collection<Service> services) {
    List<ServicePort> ports = new ArrayList<>();
    for (Service s : services) {
      ports.addAll(of(s));
    }
    return ports;
  }

  /** The ports of one service to program; empty for ExternalName and headless services. */
  public static List<ServicePort> of(Service service) {
    ServiceSpec spec = service.getSpec();
    if (spec == null || spec.getPorts() == null || "ExternalName".equals(spec.getType())) {
      return List.of();
    }
    String ip = spec.getClusterIP();
    if (!Ipv4.isAddress(ip)) {
      return List.of(); // headless ("None"), not allocated yet, or IPv6
    }
    boolean nodePorts = "NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType());
    int affinity = affinitySeconds(spec);
    boolean externalLocal = "Local".equals(spec.getExternalTrafficPolicy());
    boolean internalLocal = "Local".equals(spec.getInternalTrafficPolicy());
    List<String> externalIps = externalIps(service, ip);
    List<ServicePort> ports = new ArrayList<>();
    for (var p : spec.getPorts()) {
      String protocol = p.getProtocol() == null ? "tcp" : p.getProtocol().toLowerCase();
      if (!PROTOCOLS.contains(protocol) || p.getPort() == null) {
        continue;
      }
      int nodePort = nodePorts && p.getNodePort() != null ? p.getNodePort() : 0;
      ports.add(
          new ServicePort(
              service.getMetadata().getNamespace(),
              service.getMetadata().getName(),
              p.getName(),
              protocol,
              p.getPort(),
              ip,
              nodePort,
              affinity,
              externalLocal && (nodePort > 0 || !externalIps.isEmpty()),
              internalLocal,
              externalIps));
    }
    return ports;
  }

  /**
   * The IPv4 addresses outside the cluster the service is reached at: {@code spec.externalIPs} and,
   * for a LoadBalancer, its ingress addresses (the nodes', from Nauta's ServiceLB).
   */
  static List<String> externalIps(Service service, String clusterIp) {
    java.util.Set<String> ips = new java.util.TreeSet<>();
    if (service.getSpec().getExternalIPs() != null) {
      ips.addAll(service.getSpec().getExternalIPs());
    }
    if ("LoadBalancer".equals(service.getSpec().getType())
        && service.getStatus() != null
        && service.getStatus().getLoadBalancer() != null
        && service.getStatus().getLoadBalancer().getIngress() != null) {
      for (var in : service.getStatus().getLoadBalancer().getIngress()) {
        if (in.getIp() != null) {
          ips.add(in.getIp());
        }
      }
    }
    ips.remove(clusterIp);
    ips.removeIf(ip -> !Ipv4.isAddress(ip));
    return List.copyOf(ips);
  }

  private static int affinitySeconds(ServiceSpec spec) {
    if (!"ClientIP".equals(spec.getSessionAffinity())) {
      return 0;
    }
    var config = spec.getSessionAffinityConfig();
    if (config != null
        && config.getClientIP() != null
        && config.getClientIP().getTimeoutSeconds() != null
        && config.getClientIP().getTimeoutSeconds() > 0) {
      return config.getClientIP().getTimeoutSeconds();
    }
    return DEFAULT_AFFINITY_SECONDS;
  }
}
