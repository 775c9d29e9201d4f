package io.nauta.controllers.endpoint;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps an Endpoints object per Service with a selector (see the package description). More than
 * {@value #MAX_ADDRESSES} addresses are truncated and the object annotated {@code
 * endpoints.kubernetes.io/over-capacity: truncated}, as Kubernetes does; EndpointSlices carry them
 * all.
 */
public final class EndpointsController extends Controller {
  static final int MAX_ADDRESSES = 1000;
  static final String HEADLESS = "service.kubernetes.io/headless";
  static final String OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";

  private final KubernetesClient client;
  private final Informers informers;

  public EndpointsController(KubernetesClient client, Informers informers) {
    super("endpoint", 4);
    this.client = client;
    this.informers = informers;
    informers.of(Service.class).addEventHandler(new ServiceHandler(this));
    informers.of(Pod.class).addEventHandler(new PodHandler(this, informers));
    informers.of(Endpoints.class);
  }

  @Override
  protected void sync(String key) {
    Service svc = informers.get(Service.class, key);
    Endpoints current = informers.get(Endpoints.class, key);
    if (svc == null) {
      if (current != null) {
        delete(current);
      }
      return;
    }
    if (!ServicePods.managed(svc)) {
      return; // no selector: the user maintains the Endpoints
    }
    List<EndpointSubset> subsets = subsets(svc);
    int total =
        subsets.stream()
            .mapToInt(s -> s.getAddresses().size() + s.getNotReadyAddresses().size())
            .sum();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (total > MAX_ADDRESSES) {
      subsets = truncate(subsets);
      annotations.put(OVER_CAPACITY, "truncated");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (svc.getMetadata().getLabels() != null) {
      labels.putAll(svc.getMetadata().getLabels());
    }
    if ("None".equals(svc.getSpec().getClusterIP())) {
      labels.put(HEADLESS, "");
    }
    String ns = svc.getMetadata().getNamespace();
    if (current == null) {
      Endpoints fresh =
          new EndpointsBuilder()
              .withNewMetadata()
              .withName(svc.getMetadata().getName())
              .withNamespace(ns)
              .withLabels(labels)
              .withAnnotations(annotations.isEmpty() ? null : annotations)
              .endMetadata()
              .withSubsets(subsets)
              .build();
      // a 409 (made by an earlier sync the cache does not show yet) retries the sync soon: no
      // Endpoints event would bring this Service back, and its pods may have changed since
      client.endpoints().inNamespace(ns).resource(fresh).create();
      return;
    }
    Map<String, String> oldAnnotations =
        current.getMetadata().getAnnotations() == null
            ? Map.of()
            : current.getMetadata().getAnnotations();
    if (current.getSubsets().equals(subsets)
        && Objects.equals(current.getMetadata().getLabels(), labels)
        && Objects.equals(oldAnnotations.get(OVER_CAPACITY), annotations.get(OVER_CAPACITY))) {
      return;
    }
    Map<String, String> nextAnnotations = new LinkedHashMap<>(oldAnnotations);
    nextAnnotations.remove(OVER_CAPACITY);
    nextAnnotations.putAll(annotations);
    Endpoints next =
        new EndpointsBuilder(current)
            .editMetadata()
            .withLabels(labels)
            .withAnnotations(nextAnnotations)
            .endMetadata()
            .withSubsets(subsets)
            .build();
    client.endpoints().inNamespace(ns).resource(next).update(); // 409 if the cache was stale
  }

  /** Addresses grouped by the ports they serve, each group sorted by address. */
  List<EndpointSubset> subsets(Service svc) {
    boolean hasPorts = !svc.getSpec().getPorts().isEmpty();
    Map<List<ServicePods.Port>, List<ServicePods.Backend>> byPorts = new LinkedHashMap<>();
    for (ServicePods.Backend b : ServicePods.backends(svc, informers, false)) {
      if (hasPorts && b.ports().isEmpty()) {
        continue; // none of the Service's ports resolves on this pod
      }
      byPorts.computeIfAbsent(b.ports(), k -> new ArrayList<>()).add(b);
    }
    List<EndpointSubset> out = new ArrayList<>();
    for (var e : byPorts.entrySet()) {
      List<EndpointAddress> ready = new ArrayList<>();
      List<EndpointAddress> notReady = new ArrayList<>();
      for (ServicePods.Backend b : e.getValue()) {
        (b.ready() ? ready : notReady).add(address(svc, b));
      }
      Comparator<EndpointAddress> byIp = Comparator.comparing(EndpointAddress::getIp);
      ready.sort(byIp);
      notReady.sort(byIp);
      List<EndpointPort> ports = new ArrayList<>();
      for (ServicePods.Port p : e.getKey()) {
        ports.add(
            new EndpointPortBuilder()
                .withName(p.name().isEmpty() ? null : p.name())
                .withPort(p.port())
                .withProtocol(p.protocol())
                .withAppProtocol(p.appProtocol())
                .build());
      }
      out.add(
          new EndpointSubsetBuilder()
              .withAddresses(ready)
              .withNotReadyAddresses(notReady)
              .withPorts(ports)
              .build());
    }
    out.sort(Comparator.comparing(s -> s.getPorts().toString()));
    return out;
  }

  private static EndpointAddress address(Service svc, ServicePods.Backend b) {
    Pod p = b.pod();
    String hostname =
        p.getSpec().getHostname() != null
                && Objects.equals(p.getSpec().getSubdomain(), svc.getMetadata().getName())
            ? p.getSpec().getHostname()
            : null;
    return new EndpointAddressBuilder()
        .withIp(b.ip())
        .withHostname(hostname)
        .withNodeName(p.getSpec().getNodeName())
        .withNewTargetRef()
        .withKind("Pod")
        .withNamespace(p.getMetadata().getNamespace())
        .withName(p.getMetadata().getName())
        .withUid(p.getMetadata().getUid())
        .endTargetRef()
        .build();
  }

  /** Keeps the first {@value #MAX_ADDRESSES} addresses, ready ones first. */
  private static List<EndpointSubset> truncate(List<EndpointSubset> subsets) {
    int left = MAX_ADDRESSES;
    List<EndpointSubset> out = new ArrayList<>();
    for (EndpointSubset s : subsets) {
      List<EndpointAddress> ready =
          s.getAddresses().subList(0, Math.min(left, s.getAddresses().size()));
      left -= ready.size();
      List<EndpointAddress> notReady =
          s.getNotReadyAddresses().subList(0, Math.min(left, s.getNotReadyAddresses().size()));
      left -= notReady.size();
      if (!ready.isEmpty() || !notReady.isEmpty()) {
        out.add(
            new EndpointSubsetBuilder(s)
                .withAddresses(new ArrayList<>(ready))
                .withNotReadyAddresses(new ArrayList<>(notReady))
                .build());
      }
    }
    return out;
  }

  private void delete(Endpoints e) {
    try {
      client
          .endpoints()
          .inNamespace(e.getMetadata().getNamespace())
          .withName(e.getMetadata().getName())
          .delete();
    } catch (KubernetesClientException ex) {
      if (ex.getCode() != 404) {
        throw ex;
      }
    }
  }

  /** Enqueues the Service of every event. */
  public static final class ServiceHandler implements ResourceEventHandler<Service> {
    private final Controller controller;

    public ServiceHandler(Controller controller) {
      this.controller = controller;
    }

    @Override
    public void onAdd(Service s) {
      controller.enqueue(s);
    }

    @Override
    public void onUpdate(Service old, Service s) {
      controller.enqueue(s);
    }

    @Override
    public void onDelete(Service s, boolean unknown) {
      controller.enqueue(s);
    }
  }

  /** Enqueues the Services selecting a pod before or after its change. */
  public static final class PodHandler implements ResourceEventHandler<Pod> {
    private final Controller controller;
    private final Informers informers;

    public PodHandler(Controller controller, Informers informers) {
      this.controller = controller;
      this.informers = informers;
    }

    @Override
    public void onAdd(Pod p) {
      services(p);
    }

    @Override
    public void onUpdate(Pod old, Pod p) {
      if (Objects.equals(
          old.getMetadata().getResourceVersion(), p.getMetadata().getResourceVersion())) {
        return;
      }
      services(p);
      if (!Objects.equals(old.getMetadata().getLabels(), p.getMetadata().getLabels())) {
        services(old);
      }
    }

    @Override
    public void onDelete(Pod p, boolean unknown) {
      services(p);
    }

    private void services(Pod p) {
      for (Service s : informers.list(Service.class, p.getMetadata().getNamespace())) {
        if (ServicePods.selects(s, p)) {
          controller.enqueue(s);
        }
      }
    }
  }
}
