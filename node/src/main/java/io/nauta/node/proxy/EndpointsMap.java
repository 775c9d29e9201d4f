package io.nauta.node.proxy;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.nauta.api.net.Ipv4;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of every service port, merged from the IPv4 EndpointSlices labelled {@code
 * kubernetes.io/service-name}. An endpoint listed twice (in two slices, during a controller's
 * rebalancing) counts once, ready if either copy is.
 */
public final class EndpointsMap {
  /** The label naming a slice's service. */
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private EndpointsMap() {}

  /** Endpoints by service port, each list in address order. */
  public static Map<ServicePort.Key, List<Endpoint>> of(Collection<EndpointSlice> slices) {
    Map<ServicePort.Key, Map<String, Endpoint>> merged = new HashMap<>();
    for (EndpointSlice slice : slices) {
      var labels = slice.getMetadata().getLabels();
      String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
      if (service == null
          || !"IPv4".equals(slice.getAddressType())
          || slice.getPorts() == null
          || slice.getEndpoints() == null) {
        continue;
      }
      String namespace = slice.getMetadata().getNamespace();
      for (var port : slice.getPorts()) {
        if (port.getPort() == null) {
          continue;
        }
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        var key = new ServicePort.Key(namespace, service, protocol, port.getName());
        Map<String, Endpoint> endpoints = merged.computeIfAbsent(key, k -> new LinkedHashMap<>());
        for (var e : slice.getEndpoints()) {
          if (e.getAddresses() == null || e.getAddresses().isEmpty()) {
            continue;
          }
          String ip = e.getAddresses().get(0);
          if (!Ipv4.isAddress(ip)) {
            continue;
          }
          var c = e.getConditions();
          boolean ready = c == null || c.getReady() == null || c.getReady();
          boolean serving = c == null || c.getServing() == null ? ready : c.getServing();
          boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
          String node = e.getNodeName() == null ? "" : e.getNodeName();
          Endpoint endpoint = new Endpoint(ip, port.getPort(), node, ready, serving, terminating);
          endpoints.merge(endpoint.address(), endpoint, (a, b) -> a.ready() ? a : b);
        }
      }
    }
    Map<ServicePort.Key, List<Endpoint>> result = new HashMap<>();
    merged.forEach(
        (k, v) -> {
          List<Endpoint> list = new ArrayList<>(v.values());
          list.sort(null);
          result.put(k, List.copyOf(list));
        });
    return result;
  }
}
