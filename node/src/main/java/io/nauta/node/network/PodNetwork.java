package io.nauta.node.network;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The node's part of the pod network, kept in step with the Nodes in the API: once this node has a
 * pod CIDR ({@code spec.podCIDR}, given by node IPAM or by the agent's {@code --pod-cidr}) it is
 * handed to {@code onPodCidr} (which writes the CNI configuration) and masqueraded ({@link
 * PodMasquerade}); routes to the other nodes' pod CIDRs follow every Node change ({@link
 * NodeRoutes}). Changes are applied on one thread, at most every {@link #DEBOUNCE_MS} ms. Closing
 * removes the routes and the masquerade table.
 */
public final class PodNetwork implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PodNetwork.class);
  static final long DEBOUNCE_MS = 100;

  private final String nodeName;
  private final String clusterCidr;
  private final Consumer<String> onPodCidr;
  private final Runnable onReady;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("pod-network").daemon().factory());
  private final AtomicBoolean pending = new AtomicBoolean();
  private final SharedIndexInformer<Node> nodes;
  private volatile String podCidr;

  /**
   * Starts watching Nodes.
   *
   * @param clusterCidr the cluster's pod addresses (traffic to them is not masqueraded)
   * @param onPodCidr called once with this node's pod CIDR when it is known
   * @param onReady called after the pod CIDR was handed over and masquerading is in place
   */
  public PodNetwork(
      KubernetesClient client,
      String nodeName,
      String clusterCidr,
      Consumer<String> onPodCidr,
      Runnable onReady) {
    this.nodeName = nodeName;
    this.clusterCidr = clusterCidr;
    this.onPodCidr = onPodCidr;
    this.onReady = onReady;
    this.nodes =
        client
            .nodes()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Node n) {
                    changed();
                  }

                  @Override
                  public void onUpdate(Node old, Node n) {
                    if (!java.util.Objects.equals(old.getSpec(), n.getSpec())
                        || !java.util.Objects.equals(
                            old.getStatus() == null ? null : old.getStatus().getAddresses(),
                            n.getStatus() == null ? null : n.getStatus().getAddresses())) {
                      changed();
                    }
                  }

                  @Override
                  public void onDelete(Node n, boolean unknown) {
                    changed();
                  }
                },
                0);
  }

  /** This node's pod CIDR, or null while it has none. */
  public String podCidr() {
    return podCidr;
  }

  /** Whether pods can be given addresses here: the pod CIDR is known and in place. */
  public boolean ready() {
    return podCidr != null;
  }

  private void changed() {
    if (pending.compareAndSet(false, true)) {
      worker.schedule(this::sync, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void sync() {
    pending.set(false);
    try {
      List<Node> all = nodes.getStore().list();
      if (podCidr == null) {
        for (Node n : all) {
          if (n.getMetadata().getName().equals(nodeName)) {
            String cidr = cidrOf(n);
            if (cidr != null) {
              onPodCidr.accept(cidr);
              PodMasquerade.apply(PodMasquerade.table(nodeName), cidr, clusterCidr);
              podCidr = cidr;
              LOG.info("node {} hands out pod addresses from {}", nodeName, cidr);
              onReady.run();
            }
          }
        }
      }
      Map<String, String> routes = NodeRoutes.desired(all, nodeName);
      NodeRoutes.apply(routes);
    } catch (IOException | RuntimeException e) {
      LOG.warn("pod network: {} (retrying)", e.getMessage());
      if (pending.compareAndSet(false, true)) {
        worker.schedule(this::sync, 2, TimeUnit.SECONDS);
      }
    }
  }

  private static String cidrOf(Node n) {
    if (n.getSpec() == null) {
      return null;
    }
    if (n.getSpec().getPodCIDRs() != null && !n.getSpec().getPodCIDRs().isEmpty()) {
      return n.getSpec().getPodCIDRs().get(0);
    }
    return n.getSpec().getPodCIDR();
  }

  @Override
  public void close() {
    nodes.close();
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      NodeRoutes.removeAll();
    } catch (IOException e) {
      LOG.info("could not remove routes to other nodes' pods: {}", e.getMessage());
    }
    PodMasquerade.remove(PodMasquerade.table(nodeName));
  }
}
