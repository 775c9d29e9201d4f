package io.nauta.node.loadbalancer;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teaches a {@link LoadBalancer} the API servers of the cluster: every {@code period} it reads the
 * {@code default/kubernetes} Endpoints, where each API server publishes its advertise address and
 * port, and hands them to {@link LoadBalancer#learn}. A failed read changes nothing.
 */
public final class ServerDiscovery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerDiscovery.class);

  private final KubernetesClient client;
  private final LoadBalancer balancer;
  private final ScheduledExecutorService timer;

  private ServerDiscovery(KubernetesClient client, LoadBalancer balancer) {
    this.client = client;
    this.balancer = balancer;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("apiserver-discovery").unstarted(r));
  }

  /** Reads the Endpoints now (in the background) and then every {@code period}. */
  public static ServerDiscovery start(
      KubernetesClient client, LoadBalancer balancer, Duration period) {
    ServerDiscovery d = new ServerDiscovery(client, balancer);
    d.timer.scheduleWithFixedDelay(d::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return d;
  }

  /** Reads the Endpoints once and teaches the balancer what they list. */
  void refresh() {
    try {
      Endpoints ep = client.endpoints().inNamespace("default").withName("kubernetes").get();
      if (ep != null) {
        List<ServerAddress> found = addresses(ep);
        if (!found.isEmpty()) {
          balancer.learn(found);
        }
      }
    } catch (KubernetesClientException | IllegalArgumentException e) {
      LOG.debug("cannot read the API servers from default/kubernetes: {}", e.getMessage());
    }
  }

  /**
   * The API servers an Endpoints object lists: each address with the subset's port named {@code
   * https} (or its only port), in the object's order.
   */
  static List<ServerAddress> addresses(Endpoints ep) {
    List<ServerAddress> found = new ArrayList<>();
    if (ep.getSubsets() == null) {
      return found;
    }
    for (EndpointSubset subset : ep.getSubsets()) {
      Integer port = port(subset.getPorts());
      if (port == null || subset.getAddresses() == null) {
        continue;
      }
      for (EndpointAddress a : subset.getAddresses()) {
        if (a.getIp() != null && !a.getIp().isEmpty() && port > 0 && port < 65536) {
          ServerAddress s = new ServerAddress(a.getIp(), port);
          if (!found.contains(s)) {
            found.add(s);
          }
        }
      }
    }
    return found;
  }

  private static Integer port(List<EndpointPort> ports) {
    if (ports == null || ports.isEmpty()) {
      return null;
    }
    for (EndpointPort p : ports) {
      if ("https".equals(p.getName())) {
        return p.getPort();
      }
    }
    return ports.size() == 1 ? ports.get(0).getPort() : null;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
