package io.nauta.node.proxy;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which endpoints of a service port take which traffic on this node, as kube-proxy decides it:
 * ready endpoints, or when none is ready, the serving terminating ones (so connections keep working
 * through a rolling update's last moments); cluster-IP traffic goes to this node's endpoints only
 * under internalTrafficPolicy Local, node-port traffic only under externalTrafficPolicy Local.
 *
 * @param all the usable endpoints wherever they run
 * @param cluster the endpoints of cluster-IP traffic ({@code all}, or {@code local} under
 *     internalTrafficPolicy Local)
 * @param local the usable endpoints on this node
 */
public record EndpointSelection(List<Endpoint> all, List<Endpoint> cluster, List<Endpoint> local) {

  /** The selection for {@code port} on node {@code nodeName}. */
  public static EndpointSelection of(ServicePort port, List<Endpoint> endpoints, String nodeName) {
    List<Endpoint> all = usable(endpoints, e -> true);
    List<Endpoint> local = usable(endpoints, e -> e.nodeName().equals(nodeName));
    return new EndpointSelection(all, port.internalLocal() ? local : all, local);
  }

  /** The endpoints of node-port traffic. */
  public List<Endpoint> external(ServicePort port) {
    return port.externalLocal() ? local : all;
  }

  /** Ready ones among those {@code where} accepts, or the serving terminating ones if none. */
  private static List<Endpoint> usable(List<Endpoint> endpoints, Predicate<Endpoint> where) {
    List<Endpoint> ready = endpoints.stream().filter(where).filter(Endpoint::ready).toList();
    if (!ready.isEmpty()) {
      return ready;
    }
    return endpoints.stream().filter(where).filter(e -> e.serving() && e.terminating()).toList();
  }
}
