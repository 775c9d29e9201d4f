package io.nauta.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;

/** Services and EndpointSlices as the API serves them, for tests. */
public final class ClusterObjects {
  private ClusterObjects() {}

  public static ServicePort port(String name, String protocol, int port) {
    return new ServicePortBuilder().withName(name).withProtocol(protocol).withPort(port).build();
  }

  public static Service clusterIp(String ns, String name, String ip, ServicePort... ports) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withClusterIP(ip)
        .withClusterIPs(ip)
        .withPorts(ports)
        .endSpec()
        .build();
  }

  public static Service headless(String ns, String name, ServicePort... ports) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withClusterIP("None")
        .withClusterIPs("None")
        .withPorts(ports)
        .endSpec()
        .build();
  }

  public static Service externalName(String ns, String name, String target) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withType("ExternalName")
        .withExternalName(target)
        .endSpec()
        .build();
  }

  public static EndpointPort slicePort(String name, String protocol, int port) {
    return new EndpointPortBuilder().withName(name).withProtocol(protocol).withPort(port).build();
  }

  /** An endpoint with {@code ip}, ready or not, with {@code hostname} (or null). */
  public static Endpoint endpoint(String ip, boolean ready, String hostname) {
    return new EndpointBuilder()
        .withAddresses(ip)
        .withHostname(hostname)
        .withNewConditions()
        .withReady(ready)
        .endConditions()
        .build();
  }

  public static EndpointSlice slice(
      String ns, String service, String name, List<EndpointPort> ports, Endpoint... endpoints) {
    return new EndpointSliceBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .withLabels(Map.of("kubernetes.io/service-name", service))
        .endMetadata()
        .withAddressType("IPv4")
        .withPorts(ports)
        .withEndpoints(endpoints)
        .build();
  }
}
