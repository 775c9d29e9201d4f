package io.nauta.controllers.servicelb;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.client.events.EventRecorder;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives every LoadBalancer Service the Ready nodes' addresses as {@code
 * status.loadBalancer.ingress} ({@link LoadBalancerPlan}); the nodes' service proxies then accept
 * the service's ports on those addresses. A service that cannot have its ports stays pending with a
 * warning Event (PortConflict); one that stops being a LoadBalancer loses the ingress. Node changes
 * resync every LoadBalancer service.
 */
public final class ServiceLbController extends Controller {
  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Map<String, String> reported = new ConcurrentHashMap<>();

  public ServiceLbController(KubernetesClient client, Informers informers, EventRecorder events) {
    super("servicelb", 1);
    this.client = client;
    this.informers = informers;
    this.events = events.as("service-lb-controller");
    informers
        .of(Service.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Service s) {
                enqueue(s);
              }

              @Override
              public void onUpdate(Service old, Service s) {
                enqueue(s);
                if (LoadBalancerPlan.handles(old) && !LoadBalancerPlan.handles(s)) {
                  enqueueBalancers(); // its ports are free for the others
                }
              }

              @Override
              public void onDelete(Service s, boolean unknown) {
                reported.remove(key(s));
                if (LoadBalancerPlan.handles(s)) {
                  enqueueBalancers();
                }
              }
            });
    informers
        .of(Node.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Node n) {
                enqueueBalancers();
              }

              @Override
              public void onUpdate(Node old, Node n) {
                if (!Objects.equals(ready(old), ready(n))
                    || !Objects.equals(addresses(old), addresses(n))) {
                  enqueueBalancers();
                }
              }

              @Override
              public void onDelete(Node n, boolean unknown) {
                enqueueBalancers();
              }
            });
  }

  private void enqueueBalancers() {
    for (Service s : informers.of(Service.class).getStore().list()) {
      if (LoadBalancerPlan.handles(s)) {
        enqueue(s);
      }
    }
  }

  @Override
  protected void sync(String key) {
    Service svc = informers.get(Service.class, key);
    if (svc == null) {
      return;
    }
    List<LoadBalancerIngress> want = List.of();
    if (LoadBalancerPlan.handles(svc)) {
      LoadBalancerPlan.Decision d =
          LoadBalancerPlan.decide(
              svc,
              informers.of(Service.class).getStore().list(),
              informers.of(Node.class).getStore().list());
      if (d.conflict().isPresent()) {
        if (!d.conflict().get().equals(reported.put(key, d.conflict().get()))) {
          events.warning(svc, "PortConflict", "Load balancer pending: " + d.conflict().get());
        }
      } else {
        reported.remove(key);
        want =
            d.ingress().stream()
                .map(ip -> new LoadBalancerIngressBuilder().withIp(ip).withIpMode("VIP").build())
                .toList();
      }
    } else if (svc.getSpec() == null || !"LoadBalancer".equals(svc.getSpec().getType())) {
      if (svc.getStatus() == null
          || svc.getStatus().getLoadBalancer() == null
          || svc.getStatus().getLoadBalancer().getIngress() == null
          || svc.getStatus().getLoadBalancer().getIngress().isEmpty()) {
        return;
      }
    } else {
      return; // a LoadBalancer with a class of its own: another implementation's
    }
    List<LoadBalancerIngress> have =
        svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null
            ? null
            : svc.getStatus().getLoadBalancer().getIngress();
    if (Objects.equals(have == null ? List.of() : have, want)) {
      return;
    }
    Service next =
        new ServiceBuilder(svc)
            .editOrNewStatus()
            .withNewLoadBalancer()
            .withIngress(want)
            .endLoadBalancer()
            .endStatus()
            .build();
    try {
      client.services().inNamespace(svc.getMetadata().getNamespace()).resource(next).updateStatus();
      if (!want.isEmpty() && (have == null || have.isEmpty())) {
        events.normal(
            svc,
            "EnsuredLoadBalancer",
            "Load balancer on the nodes: "
                + String.join(", ", want.stream().map(LoadBalancerIngress::getIp).toList()));
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static String ready(Node n) {
    if (n.getStatus() == null || n.getStatus().getConditions() == null) {
      return null;
    }
    return n.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .map(c -> c.getStatus())
        .findFirst()
        .orElse(null);
  }

  private static Object addresses(Node n) {
    return n.getStatus() == null ? null : n.getStatus().getAddresses();
  }
}
