package io.nauta.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.controllers.endpoint.EndpointsController;
import io.nauta.controllers.endpoint.ServicePods;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Expectations;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.PodControl;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps each selecting Service's EndpointSlices (see the package description). Desired slices are
 * computed in a stable order and paired with the existing ones by name, so an unchanged Service
 * writes nothing and a changed one rewrites only the slices whose content changed; expectations
 * keep a stale cache from creating a slice twice.
 */
public final class EndpointSliceController extends Controller {
  static final int MAX_ENDPOINTS = 100;
  static final String SERVICE_NAME = "kubernetes.io/service-name";
  static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  static final String CONTROLLER = "endpointslice-controller.k8s.io";
  static final String ZONE = "topology.kubernetes.io/zone";

  private final KubernetesClient client;
  private final Informers informers;
  private final Expectations expectations;

  public EndpointSliceController(KubernetesClient client, Informers informers, Clock clock) {
    super("endpointslice", 4);
    this.client = client;
    this.informers = informers;
    this.expectations = new Expectations(clock);
    informers.of(Service.class).addEventHandler(new EndpointsController.ServiceHandler(this));
    informers.of(Pod.class).addEventHandler(new EndpointsController.PodHandler(this, informers));
    informers.of(Node.class);
    informers.of(EndpointSlice.class).addEventHandler(new SliceHandler());
  }

  /** One desired slice: its address type, ports and endpoints. */
  record Desired(String addressType, List<EndpointPort> ports, List<Endpoint> endpoints) {}

  @Override
  protected void sync(String key) {
    Service svc = informers.get(Service.class, key);
    if (svc == null) {
      expectations.delete(key);
      return; // its slices are owned by it: the garbage collector removes them
    }
    if (!ServicePods.managed(svc) || !expectations.satisfied(key)) {
      return;
    }
    List<Desired> desired = desired(svc);
    List<EndpointSlice> existing = existing(svc);
    int creates = Math.max(0, desired.size() - existing.size());
    Set<String> deletes =
        existing.subList(Math.min(desired.size(), existing.size()), existing.size()).stream()
            .map(Controller::key)
            .collect(Collectors.toSet());
    if (creates > 0 || !deletes.isEmpty()) {
      expectations.expect(key, creates, deletes);
    }
    String ns = svc.getMetadata().getNamespace();
    var slices = client.discovery().v1().endpointSlices().inNamespace(ns);
    Map<String, String> labels = labels(svc);
    for (int i = 0; i < desired.size(); i++) {
      Desired d = desired.get(i);
      if (i < existing.size()) {
        EndpointSlice cur = existing.get(i);
        if (same(cur, d, labels)) {
          continue;
        }
        slices
            .resource(
                new EndpointSliceBuilder(cur)
                    .editMetadata()
                    .withLabels(labels)
                    .endMetadata()
                    .withAddressType(d.addressType())
                    .withPorts(d.ports())
                    .withEndpoints(d.endpoints())
                    .build())
            .update();
      } else {
        try {
          slices
              .resource(
                  new EndpointSliceBuilder()
                      .withNewMetadata()
                      .withGenerateName(svc.getMetadata().getName() + "-")
                      .withNamespace(ns)
                      .withLabels(labels)
                      .withOwnerReferences(PodControl.controllerRef(svc))
                      .endMetadata()
                      .withAddressType(d.addressType())
                      .withPorts(d.ports())
                      .withEndpoints(d.endpoints())
                      .build())
              .create();
        } catch (KubernetesClientException e) {
          expectations.creationObserved(key);
          throw e;
        }
      }
    }
    for (String gone : deletes) {
      try {
        slices.withName(gone.substring(gone.indexOf('/') + 1)).delete();
      } catch (KubernetesClientException e) {
        expectations.deletionObserved(key, gone);
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
  }

  private static boolean same(EndpointSlice cur, Desired d, Map<String, String> labels) {
    return Objects.equals(cur.getAddressType(), d.addressType())
        && cur.getPorts().equals(d.ports())
        && cur.getEndpoints().equals(d.endpoints())
        && Objects.equals(cur.getMetadata().getLabels(), labels);
  }

  private static Map<String, String> labels(Service svc) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (svc.getMetadata().getLabels() != null) {
      labels.putAll(svc.getMetadata().getLabels());
    }
    if ("None".equals(svc.getSpec().getClusterIP())) {
      labels.put("service.kubernetes.io/headless", "");
    }
    labels.put(SERVICE_NAME, svc.getMetadata().getName());
    labels.put(MANAGED_BY, CONTROLLER);
    return labels;
  }

  /** This controller's slices of {@code svc}, oldest name first. */
  private List<EndpointSlice> existing(Service svc) {
    List<EndpointSlice> out = new ArrayList<>();
    for (EndpointSlice s : informers.list(EndpointSlice.class, svc.getMetadata().getNamespace())) {
      Map<String, String> l = s.getMetadata().getLabels();
      if (l != null
          && svc.getMetadata().getName().equals(l.get(SERVICE_NAME))
          && CONTROLLER.equals(l.get(MANAGED_BY))
          && s.getMetadata().getDeletionTimestamp() == null) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparing(s -> s.getMetadata().getName()));
    return out;
  }

  /** The slices {@code svc} should have, in a stable order. */
  List<Desired> desired(Service svc) {
    Map<String, List<ServicePods.Backend>> groups = new java.util.TreeMap<>();
    Map<String, List<ServicePods.Port>> portsOf = new LinkedHashMap<>();
    for (ServicePods.Backend b : ServicePods.backends(svc, informers, true)) {
      String type = b.ip().contains(":") ? "IPv6" : "IPv4";
      String group = type + "|" + b.ports();
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(b);
      portsOf.put(group, b.ports());
    }
    List<Desired> out = new ArrayList<>();
    for (var e : groups.entrySet()) {
      String type = e.getKey().substring(0, e.getKey().indexOf('|'));
      List<EndpointPort> ports = ports(portsOf.get(e.getKey()));
      List<Endpoint> endpoints =
          e.getValue().stream()
              .sorted(Comparator.comparing(ServicePods.Backend::ip))
              .map(b -> endpoint(svc, b))
              .toList();
      for (int i = 0; i < endpoints.size(); i += MAX_ENDPOINTS) {
        out.add(
            new Desired(
                type,
                ports,
                new ArrayList<>(
                    endpoints.subList(i, Math.min(endpoints.size(), i + MAX_ENDPOINTS)))));
      }
    }
    if (out.isEmpty()) {
      out.add(new Desired("IPv4", List.of(), List.of())); // a placeholder, as Kubernetes keeps
    }
    return out;
  }

  private static List<EndpointPort> ports(List<ServicePods.Port> ports) {
    List<EndpointPort> out = new ArrayList<>();
    for (ServicePods.Port p : ports) {
      out.add(
          new EndpointPortBuilder()
              .withName(p.name())
              .withPort(p.port())
              .withProtocol(p.protocol())
              .withAppProtocol(p.appProtocol())
              .build());
    }
    return out;
  }

  private Endpoint endpoint(Service svc, ServicePods.Backend b) {
    Pod p = b.pod();
    String nodeName = p.getSpec().getNodeName();
    Node node = nodeName == null ? null : informers.get(Node.class, nodeName);
    String zone =
        node == null || node.getMetadata().getLabels() == null
            ? null
            : node.getMetadata().getLabels().get(ZONE);
    boolean publishNotReady = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
    boolean serving = publishNotReady || io.nauta.controllers.runtime.Pods.ready(p);
    String hostname =
        p.getSpec().getHostname() != null
                && Objects.equals(p.getSpec().getSubdomain(), svc.getMetadata().getName())
            ? p.getSpec().getHostname()
            : null;
    return new EndpointBuilder()
        .withAddresses(b.ip())
        .withNewConditions()
        .withReady(b.ready())
        .withServing(serving)
        .withTerminating(b.terminating())
        .endConditions()
        .withHostname(hostname)
        .withNodeName(nodeName)
        .withZone(zone)
        .withNewTargetRef()
        .withKind("Pod")
        .withNamespace(p.getMetadata().getNamespace())
        .withName(p.getMetadata().getName())
        .withUid(p.getMetadata().getUid())
        .endTargetRef()
        .build();
  }

  private final class SliceHandler implements ResourceEventHandler<EndpointSlice> {
    @Override
    public void onAdd(EndpointSlice s) {
      String svc = service(s);
      if (svc != null) {
        expectations.creationObserved(svc);
        enqueue(svc);
      }
    }

    @Override
    public void onUpdate(EndpointSlice old, EndpointSlice s) {
      String svc = service(s);
      if (svc != null) {
        if (s.getMetadata().getDeletionTimestamp() != null) {
          expectations.deletionObserved(svc, key(s));
        }
        enqueue(svc);
      }
    }

    @Override
    public void onDelete(EndpointSlice s, boolean unknown) {
      String svc = service(s);
      if (svc != null) {
        expectations.deletionObserved(svc, key(s));
        enqueue(svc);
      }
    }

    /** The key of the Service a slice of ours belongs to, or null. */
    private String service(EndpointSlice s) {
      Map<String, String> l = s.getMetadata().getLabels();
      if (l == null || !CONTROLLER.equals(l.get(MANAGED_BY)) || l.get(SERVICE_NAME) == null) {
        return null;
      }
      return s.getMetadata().getNamespace() + "/" + l.get(SERVICE_NAME);
    }
  }
}
