package io.nauta.controllers.volume.localpath;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.nauta.client.volumes.StorageAnnotations;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the local-path provisioner decides, apart from the API: whether it can serve a claim, which
 * node to put an Immediate claim's volume on, and the volume it creates. Stateless.
 */
public final class LocalPathVolumes {
  /** The provisioner's name, as StorageClasses name it. */
  public static final String PROVISIONER = StorageAnnotations.LOCAL_PATH_PROVISIONER;

  /** On a Node: the directory its agent keeps local-path volumes in (set by the agent). */
  public static final String NODE_DIRECTORY = StorageAnnotations.LOCAL_PATH_NODE_DIRECTORY;

  /** On a volume: the node its directory is on. */
  public static final String VOLUME_NODE = StorageAnnotations.LOCAL_PATH_VOLUME_NODE;

  /** On a volume: held until the node has removed the volume's directory. */
  public static final String CLEANUP_FINALIZER = StorageAnnotations.LOCAL_PATH_CLEANUP_FINALIZER;

  private static final Set<String> ACCESS_MODES = Set.of("ReadWriteOnce", "ReadWriteOncePod");

  private LocalPathVolumes() {}

  /** The volume's name for {@code claim}: {@code pvc-<uid>}, so a retry never makes a second. */
  public static String volumeName(PersistentVolumeClaim claim) {
    return "pvc-" + claim.getMetadata().getUid();
  }

  /** Why the provisioner cannot serve {@code claim}, or empty when it can. */
  public static Optional<String> unsupported(PersistentVolumeClaim claim) {
    if (claim.getSpec().getSelector() != null) {
      return Optional.of("claim Selector is not supported");
    }
    List<String> modes = claim.getSpec().getAccessModes();
    if (modes != null && !ACCESS_MODES.containsAll(modes)) {
      return Optional.of(
          "nauta.io/local-path only supports ReadWriteOnce and ReadWriteOncePod access modes");
    }
    if ("Block".equals(claim.getSpec().getVolumeMode())) {
      return Optional.of("nauta.io/local-path only supports Filesystem volumes");
    }
    return Optional.empty();
  }

  /**
   * The node for an Immediate claim's volume: a Ready, schedulable node whose agent announces its
   * directory, holding the fewest local-path volumes (then the first by name).
   */
  public static Optional<Node> pickNode(
      Collection<Node> nodes, Collection<PersistentVolume> volumes) {
    Map<String, Long> perNode =
        volumes.stream()
            .map(v -> StorageAnnotations.get(v, VOLUME_NODE))
            .filter(n -> n != null)
            .collect(
                java.util.stream.Collectors.groupingBy(
                    n -> n, java.util.stream.Collectors.counting()));
    return nodes.stream()
        .filter(n -> directory(n).isPresent() && ready(n) && !unschedulable(n))
        .min(
            Comparator.comparingLong(
                    (Node n) -> perNode.getOrDefault(n.getMetadata().getName(), 0L))
                .thenComparing(n -> n.getMetadata().getName()));
  }

  /** The directory {@code node}'s agent keeps local-path volumes in, if it announces one. */
  public static Optional<String> directory(Node node) {
    String dir = StorageAnnotations.get(node, NODE_DIRECTORY);
    return dir == null || dir.isEmpty() ? Optional.empty() : Optional.of(dir);
  }

  /**
   * The volume for {@code claim} on {@code node}, whose agent keeps volumes in {@code directory}: a
   * hostPath directory of the claim's size, access modes and class, reclaimed by the class's
   * policy, pre-bound to the claim and pinned to the node.
   */
  public static PersistentVolume volume(
      PersistentVolumeClaim claim, StorageClass sc, Node node, String directory) {
    String name = volumeName(claim);
    String nodeName = node.getMetadata().getName();
    Map<String, String> labels = node.getMetadata().getLabels();
    String hostname =
        labels != null && labels.containsKey("kubernetes.io/hostname")
            ? labels.get("kubernetes.io/hostname")
            : nodeName;
    Quantity size = claim.getSpec().getResources().getRequests().get("storage");
    String policy = sc.getReclaimPolicy() == null ? "Delete" : sc.getReclaimPolicy();
    return new PersistentVolumeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToAnnotations(StorageAnnotations.PROVISIONED_BY, PROVISIONER)
        .addToAnnotations(VOLUME_NODE, nodeName)
        .addToFinalizers(CLEANUP_FINALIZER)
        .endMetadata()
        .withNewSpec()
        .addToCapacity("storage", new Quantity(size.toString()))
        .withAccessModes(claim.getSpec().getAccessModes())
        .withPersistentVolumeReclaimPolicy(policy)
        .withStorageClassName(sc.getMetadata().getName())
        .withVolumeMode("Filesystem")
        .withMountOptions(sc.getMountOptions())
        .withNewHostPath()
        .withPath(directory.replaceAll("/+$", "") + "/" + name)
        .withType("DirectoryOrCreate")
        .endHostPath()
        .withNewClaimRef()
        .withKind("PersistentVolumeClaim")
        .withApiVersion("v1")
        .withNamespace(claim.getMetadata().getNamespace())
        .withName(claim.getMetadata().getName())
        .withUid(claim.getMetadata().getUid())
        .withResourceVersion(claim.getMetadata().getResourceVersion())
        .endClaimRef()
        .withNewNodeAffinity()
        .withNewRequired()
        .addNewNodeSelectorTerm()
        .addNewMatchExpression()
        .withKey("kubernetes.io/hostname")
        .withOperator("In")
        .withValues(hostname)
        .endMatchExpression()
        .endNodeSelectorTerm()
        .endRequired()
        .endNodeAffinity()
        .endSpec()
        .build();
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

  private static boolean unschedulable(Node n) {
    return n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
  }
}
