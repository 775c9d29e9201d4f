package io.nauta.node.volumes;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.nauta.node.sources.PodSources;
import io.nauta.node.storage.LocalPathDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A pod's {@code persistentVolumeClaim} volume resolved as a kubelet resolves it: the claim (in the
 * pod's namespace) must exist, not be being deleted and be bound; its PersistentVolume must exist
 * and name the claim; the volume's source must be one this node mounts (a {@code hostPath},
 * type-checked like a pod's hostPath volume, or a {@code local} path that exists); a local-path
 * volume must be this node's. Failures are the kubelet's messages.
 */
final class ClaimVolumes {
  private ClaimVolumes() {}

  /**
   * A bound claim's volume on this machine.
   *
   * @param path the directory (or file) to bind-mount
   * @param ownershipManaged whether the pod's {@code fsGroup} applies to it: local volumes and
   *     local-path ones do, a plain hostPath volume does not (as in Kubernetes)
   */
  record Resolved(String volumeName, Path path, boolean ownershipManaged) {}

  /**
   * Resolves {@code source} of a pod in {@code namespace} on node {@code nodeName}, making a
   * local-path volume's directory if the node's reconciler has not made it yet.
   *
   * @throws Projections.Failed why the claim cannot be mounted (yet)
   */
  static Resolved resolve(
      String namespace,
      String nodeName,
      PersistentVolumeClaimVolumeSource source,
      PodSources sources)
      throws IOException {
    String claimName = source.getClaimName();
    String prefix = "error processing PVC " + namespace + "/" + claimName + ": ";
    PersistentVolumeClaim claim =
        fetch(
                prefix + "failed to fetch PVC from API server: ",
                () -> sources.persistentVolumeClaim(namespace, claimName))
            .orElseThrow(
                () ->
                    new Projections.Failed(
                        prefix
                            + "failed to fetch PVC from API server: persistentvolumeclaims \""
                            + claimName
                            + "\" not found"));
    if (claim.getMetadata().getDeletionTimestamp() != null) {
      throw new Projections.Failed(
          prefix
              + "can't start pod because PVC "
              + namespace
              + "/"
              + claimName
              + " is being deleted");
    }
    String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
    String volumeName = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
    if (!"Bound".equals(phase) || volumeName == null || volumeName.isEmpty()) {
      throw new Projections.Failed(
          prefix
              + "PVC %s/%s has non-bound phase (\"%s\") or empty pvc.Spec.VolumeName (\"%s\")"
                  .formatted(
                      namespace,
                      claimName,
                      phase == null ? "" : phase,
                      volumeName == null ? "" : volumeName));
    }
    PersistentVolume pv =
        fetch(
                prefix + "failed to fetch PV " + volumeName + " from API server: ",
                () -> sources.persistentVolume(volumeName))
            .orElseThrow(
                () ->
                    new Projections.Failed(
                        prefix
                            + "failed to fetch PV "
                            + volumeName
                            + " from API server: persistentvolumes \""
                            + volumeName
                            + "\" not found"));
    var ref = pv.getSpec() == null ? null : pv.getSpec().getClaimRef();
    if (ref == null || ref.getName() == null || ref.getName().isEmpty()) {
      throw new Projections.Failed(
          prefix + "found PV object \"" + volumeName + "\" but it has a nil or empty ClaimRef");
    }
    String claimUid = claim.getMetadata().getUid();
    if (ref.getUid() != null && claimUid != null && !ref.getUid().equals(claimUid)) {
      throw new Projections.Failed(
          prefix
              + String.format(
                  "found PV object \"%s\" but its ClaimRef.UID \"%s\""
                      + " does not point to claim.UID \"%s\"",
                  volumeName, ref.getUid(), claimUid));
    }
    return onThisMachine(pv, nodeName);
  }

  /** Where {@code pv}'s data is on this machine, checked (or made) as its source asks. */
  static Resolved onThisMachine(PersistentVolume pv, String nodeName) throws IOException {
    String name = pv.getMetadata().getName();
    var spec = pv.getSpec();
    if (spec.getHostPath() != null) {
      String path = spec.getHostPath().getPath();
      boolean localPath =
          LocalPathDirectories.PROVISIONER.equals(
              annotation(pv, LocalPathDirectories.PROVISIONED_BY));
      String volumeNode = annotation(pv, LocalPathDirectories.VOLUME_NODE);
      if (localPath && volumeNode != null && !volumeNode.equals(nodeName)) {
        // kubelets check the volume's node affinity; a local-path volume's is its node
        throw new Projections.Failed(
            "MountVolume.NodeAffinity check failed for volume \""
                + name
                + "\" : no matching NodeSelectorTerms (the volume is on node \""
                + volumeNode
                + "\")");
      }
      Path dir = Path.of(path);
      if (localPath && !Files.exists(dir)) {
        // the node's local-path reconciler makes it too; either way any container user may write
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, AtomicWriter.permissions(0777));
      }
      Optional<String> failed = HostPaths.check(path, spec.getHostPath().getType());
      if (failed.isPresent()) {
        throw new Projections.Failed(failed.get());
      }
      return new Resolved(name, dir, localPath);
    }
    if (spec.getLocal() != null) {
      String path = spec.getLocal().getPath();
      if (path == null || !Files.exists(Path.of(path))) {
        throw new Projections.Failed(
            "MountVolume.NewMounter initialization failed for volume \""
                + name
                + "\" : path \""
                + path
                + "\" does not exist");
      }
      return new Resolved(name, Path.of(path), true);
    }
    throw new Projections.Failed(
        "persistentvolume \""
            + name
            + "\" cannot be mounted by this node: only hostPath and local volumes are supported");
  }

  /** {@code read}'s answer; an API server that cannot answer is a failure to retry. */
  private static <T> Optional<T> fetch(String failure, Supplier<Optional<T>> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      throw new Projections.Failed(failure + e.getMessage());
    }
  }

  private static String annotation(PersistentVolume pv, String key) {
    Map<String, String> a = pv.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }
}
