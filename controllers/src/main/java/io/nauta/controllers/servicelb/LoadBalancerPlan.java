package io.nauta.controllers.servicelb;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the load balancer of one Service should be. Pure.
 *
 * <p>A LoadBalancer Service without a {@code loadBalancerClass} gets the addresses of the Ready
 * nodes (ExternalIP if a node has one, else InternalIP) as its ingress, unless one of its ports
 * (protocol and port) is already served by an older LoadBalancer Service (a node can listen on a
 * port only once): then it stays pending, with the reason.
 */
final class LoadBalancerPlan {
  private LoadBalancerPlan() {}

  /** The ingress addresses, or why there are none. */
  record Decision(List<String> ingress, Optional<String> conflict) {}

  static boolean handles(Service s) {
    return s.getSpec() != null
        && "LoadBalancer".equals(s.getSpec().getType())
        && s.getSpec().getLoadBalancerClass() == null
        && s.getMetadata().getDeletionTimestamp() == null;
  }

  static Decision decide(Service svc, List<Service> all, List<Node> nodes) {
    for (Service other : older(svc, all)) {
      for (ServicePort p : ports(svc)) {
        for (ServicePort q : ports(other)) {
          if (p.getPort().equals(q.getPort()) && protocol(p).equals(protocol(q))) {
            return new Decision(
                List.of(),
                Optional.of(
                    "port %d/%s is already served by Service %s/%s"
                        .formatted(
                            p.getPort(),
                            protocol(p),
                            other.getMetadata().getNamespace(),
                            other.getMetadata().getName())));
          }
        }
      }
    }
    TreeSet<String> ips = new TreeSet<>();
    for (Node n : nodes) {
      if (ready(n) && !simulated(n)) {
        address(n).ifPresent(ips::add);
      }
    }
    return new Decision(new ArrayList<>(ips), Optional.empty());
  }

  /** The LoadBalancer services handled here that came before {@code svc}. */
  private static List<Service> older(Service svc, List<Service> all) {
    Comparator<Service> order =
        Comparator.comparing((Service s) -> s.getMetadata().getCreationTimestamp())
            .thenComparing(s -> s.getMetadata().getNamespace())
            .thenComparing(s -> s.getMetadata().getName());
    return all.stream()
        .filter(LoadBalancerPlan::handles)
        .filter(s -> order.compare(s, svc) < 0)
        .toList();
  }

  private static List<ServicePort> ports(Service s) {
    return s.getSpec().getPorts() == null ? List.of() : s.getSpec().getPorts();
  }

  private static String protocol(ServicePort p) {
    return p.getProtocol() == null ? "TCP" : p.getProtocol();
  }

  /** Simulated nodes (a scale-test tool) run no service proxy. */
  private static boolean simulated(Node n) {
    return n.getMetadata().getLabels() != null
        && n.getMetadata().getLabels().containsKey("nauta.io/simulated");
  }

  private static boolean ready(Node n) {
    if (n.getStatus() == null || n.getStatus().getConditions() == null) {
      return false;
    }
    for (NodeCondition c : n.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) {
        return "True".equals(c.getStatus());
      }
    }
    return false;
  }

  private static Optional<String> address(Node n) {
    if (n.getStatus().getAddresses() == null) {
      return Optional.empty();
    }
    String internal = null;
    for (NodeAddress a : n.getStatus().getAddresses()) {
      if ("ExternalIP".equals(a.getType())) {
        return Optional.of(a.getAddress());
      }
      if ("InternalIP".equals(a.getType()) && internal == null) {
        internal = a.getAddress();
      }
    }
    return Optional.ofNullable(internal);
  }
}
