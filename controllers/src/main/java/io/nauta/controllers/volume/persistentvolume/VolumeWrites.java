package io.nauta.controllers.volume.persistentvolume;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.client.volumes.StorageAnnotations;
import io.nauta.client.volumes.VolumeMatcher;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * The PersistentVolume controller's writes: each compares with the object it is given and writes
 * only what differs (so a repeated sync writes nothing), with the object's resourceVersion (so a
 * stale cache ends in a 409 and a retry, never in lost updates). Returns the written object.
 */
final class VolumeWrites {
  private final KubernetesClient client;
  private final Clock clock;

  VolumeWrites(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Binds both sides: the volume's {@code claimRef} to the claim, the volume Bound, the claim's
   * {@code volumeName} and bind-completed annotation, then the claim Bound with the volume's
   * capacity and access modes. Volume first, so that an interrupted bind leaves a volume whose
   * claim is finished by the claim's next sync.
   */
  void bind(PersistentVolume volume, PersistentVolumeClaim claim) {
    volume = bindVolumeToClaim(volume, claim);
    volume = volumePhase(volume, "Bound", null, null);
    claim = bindClaimToVolume(claim, volume);
    claimBound(claim, volume);
  }

  private PersistentVolume bindVolumeToClaim(PersistentVolume volume, PersistentVolumeClaim claim) {
    ObjectReference ref = volume.getSpec().getClaimRef();
    String uid = claim.getMetadata().getUid();
    if (ref != null
        && Objects.equals(ref.getNamespace(), claim.getMetadata().getNamespace())
        && Objects.equals(ref.getName(), claim.getMetadata().getName())
        && Objects.equals(ref.getUid(), uid)) {
      return volume;
    }
    PersistentVolume next = copy(volume);
    if (!VolumeMatcher.boundToClaim(volume, claim)) {
      StorageAnnotations.put(next, StorageAnnotations.BOUND_BY_CONTROLLER, "yes");
    }
    next.getSpec().setClaimRef(VolumeMatcher.claimRef(claim));
    return client.persistentVolumes().resource(next).update();
  }

  private PersistentVolumeClaim bindClaimToVolume(
      PersistentVolumeClaim claim, PersistentVolume volume) {
    String name = volume.getMetadata().getName();
    boolean named = name.equals(claim.getSpec().getVolumeName());
    if (named && "yes".equals(StorageAnnotations.get(claim, StorageAnnotations.BIND_COMPLETED))) {
      return claim;
    }
    PersistentVolumeClaim next = copy(claim);
    if (!named) {
      next.getSpec().setVolumeName(name);
      StorageAnnotations.put(next, StorageAnnotations.BOUND_BY_CONTROLLER, "yes");
    }
    StorageAnnotations.put(next, StorageAnnotations.BIND_COMPLETED, "yes");
    return client
        .persistentVolumeClaims()
        .inNamespace(claim.getMetadata().getNamespace())
        .resource(next)
        .update();
  }

  private void claimBound(PersistentVolumeClaim claim, PersistentVolume volume) {
    PersistentVolumeClaimStatus s = claim.getStatus();
    var modes = volume.getSpec().getAccessModes();
    var capacity = volume.getSpec().getCapacity();
    boolean wasBound = s != null && "Bound".equals(s.getPhase());
    if (wasBound && Objects.equals(s.getAccessModes(), modes)) {
      return;
    }
    PersistentVolumeClaim next = copy(claim);
    if (next.getStatus() == null) {
      next.setStatus(new PersistentVolumeClaimStatus());
    }
    next.getStatus().setPhase("Bound");
    next.getStatus().setAccessModes(modes == null ? null : new ArrayList<>(modes));
    if (!wasBound) {
      // as Kubernetes: the capacity is set when the claim becomes Bound, and afterwards only
      // by expansion (a difference may be meant: the filesystem size vs the volume's)
      next.getStatus().setCapacity(capacity == null ? null : new LinkedHashMap<>(capacity));
    }
    client
        .persistentVolumeClaims()
        .inNamespace(claim.getMetadata().getNamespace())
        .resource(next)
        .updateStatus();
  }

  /** Sets the claim's phase (Pending or Lost); a Lost claim keeps what it was bound with. */
  PersistentVolumeClaim claimPhase(PersistentVolumeClaim claim, String phase) {
    if (claim.getStatus() != null && phase.equals(claim.getStatus().getPhase())) {
      return claim;
    }
    PersistentVolumeClaim next = copy(claim);
    if (next.getStatus() == null) {
      next.setStatus(new PersistentVolumeClaimStatus());
    }
    next.getStatus().setPhase(phase);
    if ("Pending".equals(phase)) {
      next.getStatus().setAccessModes(null);
      next.getStatus().setCapacity(null);
    }
    return client
        .persistentVolumeClaims()
        .inNamespace(claim.getMetadata().getNamespace())
        .resource(next)
        .updateStatus();
  }

  /** Sets the claim's annotations asking {@code provisioner} for its volume. */
  PersistentVolumeClaim askProvisioner(PersistentVolumeClaim claim, String provisioner) {
    if (provisioner.equals(StorageAnnotations.get(claim, StorageAnnotations.STORAGE_PROVISIONER))
        && provisioner.equals(
            StorageAnnotations.get(claim, StorageAnnotations.BETA_STORAGE_PROVISIONER))) {
      return claim;
    }
    PersistentVolumeClaim next = copy(claim);
    StorageAnnotations.put(next, StorageAnnotations.STORAGE_PROVISIONER, provisioner);
    StorageAnnotations.put(next, StorageAnnotations.BETA_STORAGE_PROVISIONER, provisioner);
    return client
        .persistentVolumeClaims()
        .inNamespace(claim.getMetadata().getNamespace())
        .resource(next)
        .update();
  }

  /**
   * Sets the volume's phase with its reason and message (null clears them), and the phase's
   * transition time when the phase changes.
   */
  PersistentVolume volumePhase(PersistentVolume volume, String phase, String reason, String msg) {
    PersistentVolumeStatus s = volume.getStatus();
    if (s != null
        && phase.equals(s.getPhase())
        && Objects.equals(reason, s.getReason())
        && Objects.equals(msg, s.getMessage())) {
      return volume;
    }
    PersistentVolume next = copy(volume);
    if (next.getStatus() == null) {
      next.setStatus(new PersistentVolumeStatus());
    }
    if (!phase.equals(next.getStatus().getPhase())) {
      next.getStatus()
          .setLastPhaseTransitionTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    next.getStatus().setPhase(phase);
    next.getStatus().setReason(reason);
    next.getStatus().setMessage(msg);
    return client.persistentVolumes().resource(next).updateStatus();
  }

  /**
   * Undoes a binding the claim side does not share: a binding the controller made is dropped, a
   * user's pre-binding by name keeps the name without the uid. The volume becomes Available.
   */
  PersistentVolume unbind(PersistentVolume volume) {
    PersistentVolume next = copy(volume);
    if (StorageAnnotations.has(volume, StorageAnnotations.BOUND_BY_CONTROLLER)) {
      next.getSpec().setClaimRef(null);
      next.getMetadata().getAnnotations().remove(StorageAnnotations.BOUND_BY_CONTROLLER);
    } else {
      next.getSpec().getClaimRef().setUid(null);
    }
    next = client.persistentVolumes().resource(next).update();
    return volumePhase(next, "Available", null, null);
  }

  /** Deletes the volume object (its finalizers still hold it until they are done). */
  void delete(PersistentVolume volume) {
    if (volume.getMetadata().getDeletionTimestamp() == null) {
      client.persistentVolumes().withName(volume.getMetadata().getName()).delete();
    }
  }

  private static PersistentVolume copy(PersistentVolume v) {
    return new PersistentVolumeBuilder(v).build();
  }

  private static PersistentVolumeClaim copy(PersistentVolumeClaim c) {
    return new PersistentVolumeClaimBuilder(c).build();
  }
}
