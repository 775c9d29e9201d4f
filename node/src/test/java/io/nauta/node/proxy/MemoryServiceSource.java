package io.nauta.node.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Collection;
import java.util.List;

/** Services and slices a test sets directly (then calls the proxy's {@code changed()}). */
final class MemoryServiceSource implements ServiceSource {
  volatile List<Service> services = List.of();
  volatile List<EndpointSlice> slices = List.of();

  @Override
  public Collection<Service> services() {
    return services;
  }

  @Override
  public Collection<EndpointSlice> endpointSlices() {
    return slices;
  }
}
