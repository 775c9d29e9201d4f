package io.nauta.controllers.nodeipam;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.client.events.EventRecorder;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' range allocator: every node without a pod CIDR gets the next free subnet of the
 * cluster CIDR in {@code spec.podCIDR} and {@code spec.podCIDRs}; the subnets of existing nodes are
 * taken first (informer events arrive before any sync), a deleted node's subnet is freed. A node
 * that brought its own CIDR keeps it (taken when it lies in the range). When the range is full the
 * node gets a CIDRNotAvailable warning Event and is retried when a node goes.
 */
public final class NodeIpamController extends Controller {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(NodeIpamController.class);

  /**
   * @param clusterCidr where nodes' pod CIDRs come from, e.g. {@code 10.42.0.0/16}
   * @param nodeMaskSize the prefix length of each node's CIDR, e.g. 24
   */
  public record Config(String clusterCidr, int nodeMaskSize) {
    public static final Config DEFAULTS = new Config("10.42.0.0/16", 24);
  }

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final CidrSet cidrs;

  public NodeIpamController(
      KubernetesClient client, Informers informers, EventRecorder events, Config config) {
    super("nodeipam", 1);
    this.client = client;
    this.informers = informers;
    this.events = events.as("node-ipam-controller");
    this.cidrs = new CidrSet(config.clusterCidr(), config.nodeMaskSize());
    informers.of(Node.class).addEventHandler(new NodeHandler());
  }

  @Override
  protected void sync(String name) {
    Node node = informers.get(Node.class, name);
    if (node == null || !cidrOf(node).isEmpty()) {
      return;
    }
    Optional<String> cidr;
    synchronized (cidrs) {
      cidr = cidrs.allocate();
    }
    if (cidr.isEmpty()) {
      events.warning(
          node,
          "CIDRNotAvailable",
          "Node "
              + name
              + " status is now: CIDRNotAvailable (no pod CIDR left in the cluster CIDR)");
      return;
    }
    try {
      client
          .nodes()
          .withName(name)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"podCIDR\":\"%s\",\"podCIDRs\":[\"%s\"]}}"
                  .formatted(cidr.get(), cidr.get()));
      LOG.info("node {} gets pod CIDR {}", name, cidr.get());
    } catch (KubernetesClientException e) {
      synchronized (cidrs) {
        cidrs.release(cidr.get());
      }
      if (e.getCode() == 404) {
        return;
      }
      events.warning(
          node, "CIDRAssignmentFailed", "Node " + name + " could not get a pod CIDR: " + e);
      throw e;
    }
  }

  private static String cidrOf(Node node) {
    if (node.getSpec() == null) {
      return "";
    }
    List<String> all = node.getSpec().getPodCIDRs();
    if (all != null && !all.isEmpty()) {
      return all.get(0);
    }
    return node.getSpec().getPodCIDR() == null ? "" : node.getSpec().getPodCIDR();
  }

  private final class NodeHandler implements ResourceEventHandler<Node> {
    @Override
    public void onAdd(Node node) {
      seen(node);
    }

    @Override
    public void onUpdate(Node old, Node node) {
      seen(node);
    }

    @Override
    public void onDelete(Node node, boolean unknown) {
      String cidr = cidrOf(node);
      if (!cidr.isEmpty()) {
        synchronized (cidrs) {
          cidrs.release(cidr);
        }
        // a node that found the range full may fit now
        for (Node n : informers.of(Node.class).getStore().list()) {
          if (cidrOf(n).isEmpty()) {
            enqueue(n);
          }
        }
      }
    }

    private void seen(Node node) {
      String cidr = cidrOf(node);
      if (cidr.isEmpty()) {
        enqueue(node);
      } else {
        synchronized (cidrs) {
          cidrs.occupy(cidr);
        }
      }
    }
  }
}
