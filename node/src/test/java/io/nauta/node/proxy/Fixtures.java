package io.nauta.node.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditionsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;

/** Services and EndpointSlices as the API serves them, for the proxy's tests. */
final class Fixtures {
  private Fixtures() {}

  /** A ClusterIP service {@code default/NAME} with one TCP port named http, 80 → 8080. */
  static ServiceBuilder service(String name, String clusterIp) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withClusterIP(clusterIp)
        .withPorts(
            new ServicePortBuilder()
                .withName("http")
                .withProtocol("TCP")
                .withPort(80)
                .withNewTargetPort(8080)
                .build())
        .endSpec();
  }

  /** The same as a NodePort service on {@code nodePort}. */
  static Service nodePort(String name, String clusterIp, int nodePort) {
    Service s = service(name, clusterIp).build();
    s.getSpec().setType("NodePort");
    s.getSpec().getPorts().get(0).setNodePort(nodePort);
    return s;
  }

  /** One endpoint: address, node, ready. */
  record Ep(String ip, String node, Boolean ready, Boolean serving, Boolean terminating) {
    static Ep ready(String ip, String node) {
      return new Ep(ip, node, true, true, false);
    }

    static Ep notReady(String ip, String node) {
      return new Ep(ip, node, false, false, false);
    }

    static Ep terminating(String ip, String node) {
      return new Ep(ip, node, false, true, true);
    }
  }

  /** An IPv4 slice of {@code default/service} with port http 8080/TCP. */
  static EndpointSlice slice(String name, String service, List<Ep> endpoints) {
    return slice(name, service, "http", "TCP", 8080, endpoints);
  }

  static EndpointSlice slice(
      String name, String service, String portName, String protocol, int port, List<Ep> eps) {
    return new EndpointSliceBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName(name)
        .withLabels(Map.of(EndpointsMap.SERVICE_NAME_LABEL, service))
        .endMetadata()
        .withAddressType("IPv4")
        .withPorts(
            new EndpointPortBuilder()
                .withName(portName)
                .withProtocol(protocol)
                .withPort(port)
                .build())
        .withEndpoints(
            eps.stream()
                .map(
                    e ->
                        new EndpointBuilder()
                            .withAddresses(e.ip())
                            .withNodeName(e.node())
                            .withConditions(
                                new EndpointConditionsBuilder()
                                    .withReady(e.ready())
                                    .withServing(e.serving())
                                    .withTerminating(e.terminating())
                                    .build())
                            .build())
                .toList())
        .build();
  }
}
