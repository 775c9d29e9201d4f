package io.nauta.node.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collection;
import java.util.List;

/**
 * Services and EndpointSlices of all namespaces from two informers: one list and one watch each,
 * whatever the number of services. Every add, update and delete calls the change callback (the
 * proxy coalesces them).
 */
public final class ApiServiceSource implements ServiceSource, AutoCloseable {
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<EndpointSlice> slices;

  private ApiServiceSource(
      SharedIndexInformer<Service> services, SharedIndexInformer<EndpointSlice> slices) {
    this.services = services;
    this.slices = slices;
  }

  /**
   * Starts both informers and returns once both have listed.
   *
   * @param changed called (on an informer thread) after any change; must not block
   */
  public static ApiServiceSource start(KubernetesClient client, Runnable changed) {
    SharedIndexInformer<Service> services =
        client.services().inAnyNamespace().inform(new Notify<>(changed));
    try {
      SharedIndexInformer<EndpointSlice> slices =
          client.discovery().v1().endpointSlices().inAnyNamespace().inform(new Notify<>(changed));
      return new ApiServiceSource(services, slices);
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  @Override
  public Collection<Service> services() {
    return List.copyOf(services.getStore().list());
  }

  @Override
  public Collection<EndpointSlice> endpointSlices() {
    return List.copyOf(slices.getStore().list());
  }

  @Override
  public void close() {
    services.close();
    slices.close();
  }

  private record Notify<T>(Runnable changed) implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T obj) {
      changed.run();
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      changed.run();
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      changed.run();
    }
  }
}
