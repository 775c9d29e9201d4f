package io.nauta.dns.registration;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The objects a DNS server registers, built purely from its address and port: the {@code kube-dns}
 * Service (when nobody created it) and this server's EndpointSlice of it.
 */
public final class KubeDnsEndpoints {
  public static final String NAMESPACE = "kube-system";
  public static final String SERVICE = "kube-dns";

  /** The cluster IP the kube-dns Service asks for (the service CIDR's tenth address). */
  public static final String DEFAULT_CLUSTER_IP = "10.43.0.10";

  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "nauta-dns";

  private KubeDnsEndpoints() {}

  /** The kube-dns Service: no selector (its slices are written here), ports dns and dns-tcp 53. */
  public static Service service(String clusterIp) {
    ServiceBuilder b =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(SERVICE)
            .withNamespace(NAMESPACE)
            .withLabels(
                Map.of(
                    "k8s-app", "kube-dns",
                    "kubernetes.io/cluster-service", "true",
                    "kubernetes.io/name", "NautaDNS"))
            .endMetadata()
            .withNewSpec()
            .withType("ClusterIP")
            .addNewPort()
            .withName("dns")
            .withProtocol("UDP")
            .withPort(53)
            .withNewTargetPort(53)
            .endPort()
            .addNewPort()
            .withName("dns-tcp")
            .withProtocol("TCP")
            .withPort(53)
            .withNewTargetPort(53)
            .endPort()
            .endSpec();
    if (clusterIp != null) {
      b.editSpec().withClusterIP(clusterIp).endSpec();
    }
    return b.build();
  }

  /** The name of the slice of the server listening at {@code address}:{@code port}. */
  public static String sliceName(InetAddress address, int port) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((address.getHostAddress() + "|" + port).getBytes(StandardCharsets.UTF_8));
      return SERVICE + "-" + HexFormat.of().formatHex(h, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This server's slice: one ready endpoint at its address, ports dns/UDP and dns-tcp/TCP. */
  public static EndpointSlice slice(InetAddress address, int port, String nodeName) {
    return new EndpointSliceBuilder()
        .withNewMetadata()
        .withName(sliceName(address, port))
        .withNamespace(NAMESPACE)
        .withLabels(Map.of(SERVICE_NAME_LABEL, SERVICE, MANAGED_BY_LABEL, MANAGED_BY))
        .endMetadata()
        .withAddressType(address instanceof Inet4Address ? "IPv4" : "IPv6")
        .addNewEndpoint()
        .withAddresses(address.getHostAddress())
        .withNewConditions()
        .withReady(true)
        .withServing(true)
        .withTerminating(false)
        .endConditions()
        .withNodeName(nodeName)
        .endEndpoint()
        .addNewPort()
        .withName("dns")
        .withProtocol("UDP")
        .withPort(port)
        .endPort()
        .addNewPort()
        .withName("dns-tcp")
        .withProtocol("TCP")
        .withPort(port)
        .endPort()
        .build();
  }

  /**
   * Whether {@code other}, a kube-dns slice of a DNS server, is one this server's slice {@code
   * mine} replaces: another slice for the same address (an earlier run on another port).
   */
  public static boolean supersededBy(EndpointSlice other, EndpointSlice mine) {
    if (other.getMetadata().getName().equals(mine.getMetadata().getName())
        || other.getEndpoints() == null) {
      return false;
    }
    String address = mine.getEndpoints().get(0).getAddresses().get(0);
    return other.getEndpoints().stream()
        .anyMatch(e -> e.getAddresses() != null && e.getAddresses().contains(address));
  }

  /** Whether {@code current} already says what {@code desired} says (labels, endpoints, ports). */
  public static boolean same(EndpointSlice current, EndpointSlice desired) {
    Map<String, String> labels = current.getMetadata().getLabels();
    return labels != null
        && labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
        && Objects.equals(current.getAddressType(), desired.getAddressType())
        && summary(current).equals(summary(desired));
  }

  /** What the service proxy reads of a slice: ready addresses, and ports by name. */
  private static String summary(EndpointSlice s) {
    StringBuilder sb = new StringBuilder();
    if (s.getEndpoints() != null) {
      for (var e : s.getEndpoints()) {
        boolean ready =
            e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
        sb.append(e.getAddresses()).append(ready).append(';');
      }
    }
    if (s.getPorts() != null) {
      for (var p : s.getPorts()) {
        sb.append(p.getName()).append('/').append(p.getProtocol()).append('/').append(p.getPort());
        sb.append(';');
      }
    }
    return sb.toString();
  }
}
