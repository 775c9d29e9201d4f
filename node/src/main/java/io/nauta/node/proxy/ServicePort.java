package io.nauta.node.proxy;

import java.util.Locale;

/**
 * One port of a Service as the proxy serves it (kube-proxy's ServicePortName plus its settings).
 *
 * @param protocol {@code tcp}, {@code udp} or {@code sctp} (nft's spelling)
 * @param clusterIp the IPv4 cluster IP, or null when the service has none to program (headless)
 * @param nodePort the node port, 0 for none (only NodePort and LoadBalancer services have one)
 * @param affinitySeconds ClientIP session affinity's timeout, 0 for no affinity
 * @param externalLocal externalTrafficPolicy Local: node-port traffic only to this node's
 *     endpoints, with the client's address kept
 * @param internalLocal internalTrafficPolicy Local: cluster-IP traffic only to this node's
 *     endpoints
 * @param externalIps addresses outside the cluster the port is also served on, like the node port:
 *     {@code spec.externalIPs} and a LoadBalancer's ingress addresses
 */
public record ServicePort(
    String namespace,
    String name,
    String portName,
    String protocol,
    int port,
    String clusterIp,
    int nodePort,
    int affinitySeconds,
    boolean externalLocal,
    boolean internalLocal,
    java.util.List<String> externalIps) {

  /** Without external addresses. */
  public ServicePort(
      String namespace,
      String name,
      String portName,
      String protocol,
      int port,
      String clusterIp,
      int nodePort,
      int affinitySeconds,
      boolean externalLocal,
      boolean internalLocal) {
    this(
        namespace,
        name,
        portName,
        protocol,
        port,
        clusterIp,
        nodePort,
        affinitySeconds,
        externalLocal,
        internalLocal,
        java.util.List.of());
  }

  /** Which EndpointSlice ports serve a service port: same service, protocol and port name. */
  public record Key(String namespace, String service, String protocol, String portName) {
    public Key {
      protocol = protocol.toLowerCase(Locale.ROOT);
      portName = portName == null ? "" : portName;
    }
  }

  public ServicePort {
    protocol = protocol.toLowerCase(Locale.ROOT);
    portName = portName == null ? "" : portName;
    externalIps = externalIps == null ? java.util.List.of() : java.util.List.copyOf(externalIps);
  }

  /** Whether traffic also comes from outside through the node port or external addresses. */
  public boolean external() {
    return nodePort > 0 || !externalIps.isEmpty();
  }

  public ServicePort withExternalIps(java.util.List<String> ips) {
    return new ServicePort(
        namespace,
        name,
        portName,
        protocol,
        port,
        clusterIp,
        nodePort,
        affinitySeconds,
        externalLocal,
        internalLocal,
        ips);
  }

  /** A plain ClusterIP port, no node port, no affinity, cluster-wide policies. */
  public static ServicePort clusterIp(
      String namespace, String name, String portName, String protocol, int port, String ip) {
    return new ServicePort(namespace, name, portName, protocol, port, ip, 0, 0, false, false);
  }

  public Key key() {
    return new Key(namespace, name, protocol, portName);
  }

  /**
   * {@code namespace/name/protocol/port}, where port is the port's name, or its number when it has
   * none: unique per service port, and the readable part of its rule names.
   */
  public String id() {
    return namespace + "/" + name + "/" + protocol + "/" + (portName.isEmpty() ? port : portName);
  }

  public ServicePort withNodePort(int nodePort) {
    return new ServicePort(
        namespace,
        name,
        portName,
        protocol,
        port,
        clusterIp,
        nodePort,
        affinitySeconds,
        externalLocal,
        internalLocal,
        externalIps);
  }

  public ServicePort withAffinity(int seconds) {
    return new ServicePort(
        namespace,
        name,
        portName,
        protocol,
        port,
        clusterIp,
        nodePort,
        seconds,
        externalLocal,
        internalLocal,
        externalIps);
  }

  public ServicePort withPolicies(boolean externalLocal, boolean internalLocal) {
    return new ServicePort(
        namespace,
        name,
        portName,
        protocol,
        port,
        clusterIp,
        nodePort,
        affinitySeconds,
        externalLocal,
        internalLocal,
        externalIps);
  }
}
