package io.nauta.node.storage;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriver;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriverBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.client.volumes.CsiDrivers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the local-path driver in this node's CSINode, as a kubelet does for a CSI driver: the
 * CSINode named after the node, owned by the Node (so it goes with it), lists driver {@link
 * CsiDrivers#LOCAL_PATH} with the node's name as its node ID, no topology keys, and {@code
 * allocatable.count} when the agent limits how many local-path volumes the node holds. Other
 * drivers are left alone. Idempotent: an agent restarting with the same limit writes nothing; one
 * with another limit removes its entry and adds it anew, since a driver's entry is immutable.
 */
public final class CSINodeRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(CSINodeRegistration.class);

  private CSINodeRegistration() {}

  /** The driver entry; {@code maxVolumes} null means no limit (no {@code allocatable}). */
  public static CSINodeDriver driver(String nodeName, Integer maxVolumes) {
    CSINodeDriverBuilder b =
        new CSINodeDriverBuilder().withName(CsiDrivers.LOCAL_PATH).withNodeID(nodeName);
    if (maxVolumes != null) {
      b.withNewAllocatable().withCount(maxVolumes).endAllocatable();
    }
    return b.build();
  }

  /** The node's reference, as a kubelet sets it on its CSINode. */
  static OwnerReference owner(Node node) {
    return new OwnerReferenceBuilder()
        .withApiVersion("v1")
        .withKind("Node")
        .withName(node.getMetadata().getName())
        .withUid(node.getMetadata().getUid())
        .build();
  }

  /** A new CSINode for {@code node} listing only the local-path driver. */
  public static CSINode fresh(Node node, Integer maxVolumes) {
    String name = node.getMetadata().getName();
    return new CSINodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withOwnerReferences(owner(node))
        .endMetadata()
        .withNewSpec()
        .withDrivers(driver(name, maxVolumes))
        .endSpec()
        .build();
  }

  /**
   * The writes that bring {@code existing} to list the local-path driver as wanted and be owned by
   * {@code node}, in order: none when it already does; one update; or, when the driver is listed
   * otherwise, an update without it, then one with it anew.
   */
  public static List<CSINode> updates(CSINode existing, Node node, Integer maxVolumes) {
    String name = node.getMetadata().getName();
    CSINodeDriver wanted = driver(name, maxVolumes);
    List<CSINodeDriver> drivers =
        existing.getSpec() == null || existing.getSpec().getDrivers() == null
            ? List.of()
            : existing.getSpec().getDrivers();
    CSINodeDriver listed =
        drivers.stream()
            .filter(d -> CsiDrivers.LOCAL_PATH.equals(d.getName()))
            .findFirst()
            .orElse(null);
    boolean owned =
        existing.getMetadata().getOwnerReferences() != null
            && existing.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> Objects.equals(r.getUid(), node.getMetadata().getUid()));
    if (owned && listed != null && same(listed, wanted)) {
      return List.of();
    }
    List<CSINodeDriver> others = new ArrayList<>(drivers);
    others.remove(listed);
    List<OwnerReference> owners = new ArrayList<>();
    if (existing.getMetadata().getOwnerReferences() != null) {
      existing.getMetadata().getOwnerReferences().stream()
          .filter(r -> !"Node".equals(r.getKind()))
          .forEach(owners::add);
    }
    owners.add(owner(node));
    List<CSINode> out = new ArrayList<>();
    if (listed != null && !same(listed, wanted)) {
      out.add(withDrivers(existing, owners, others));
    }
    List<CSINodeDriver> all = new ArrayList<>(others);
    all.add(wanted);
    out.add(withDrivers(existing, owners, all));
    return out;
  }

  private static CSINode withDrivers(
      CSINode existing, List<OwnerReference> owners, List<CSINodeDriver> drivers) {
    return new CSINodeBuilder(existing)
        .editMetadata()
        .withOwnerReferences(owners)
        .endMetadata()
        .editOrNewSpec()
        .withDrivers(drivers)
        .endSpec()
        .build();
  }

  private static boolean same(CSINodeDriver a, CSINodeDriver b) {
    return Objects.equals(a.getNodeID(), b.getNodeID())
        && empty(a.getTopologyKeys())
        && Objects.equals(count(a), count(b));
  }

  private static boolean empty(List<String> l) {
    return l == null || l.isEmpty();
  }

  private static Integer count(CSINodeDriver d) {
    return d.getAllocatable() == null ? null : d.getAllocatable().getCount();
  }

  /**
   * Makes the API's CSINode for {@code node} list the local-path driver; false when a write lost a
   * race (a conflict) and should be retried. Other API failures are thrown.
   */
  public static boolean sync(KubernetesClient client, Node node, Integer maxVolumes) {
    String name = node.getMetadata().getName();
    var csiNodes = client.storage().v1().csiNodes();
    try {
      CSINode existing = csiNodes.withName(name).get();
      if (existing == null) {
        csiNodes.resource(fresh(node, maxVolumes)).create();
        LOG.info("registered driver {} in CSINode {}", CsiDrivers.LOCAL_PATH, name);
        return true;
      }
      List<CSINode> writes = updates(existing, node, maxVolumes);
      CSINode last = existing;
      for (CSINode w : writes) {
        w.getMetadata().setResourceVersion(last.getMetadata().getResourceVersion());
        last = csiNodes.resource(w).update();
      }
      if (!writes.isEmpty()) {
        LOG.info("updated driver {} in CSINode {}", CsiDrivers.LOCAL_PATH, name);
      }
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return false;
      }
      throw e;
    }
  }
}
