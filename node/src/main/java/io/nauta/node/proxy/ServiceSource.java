package io.nauta.node.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Collection;

/** Where the proxy reads Services and EndpointSlices from: informers, or memory in tests. */
public interface ServiceSource {
  /** All services now, in every namespace. Thread-safe; the result is not modified later. */
  Collection<Service> services();

  /** All EndpointSlices now, in every namespace. Thread-safe; the result is not modified later. */
  Collection<EndpointSlice> endpointSlices();
}
