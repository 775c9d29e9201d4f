package io.nauta.controllers.volume.persistentvolume;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.nauta.client.volumes.StorageAnnotations;

/**
 * One sync of a volume, as Kubernetes' {@code syncVolume}: unclaimed (or only pre-bound by name) it
 * is Available; bound to a claim that binds it back it is Bound; its claim gone (or replaced by
 * another of the same name) it is Released and reclaimed by its policy; claimed by a claim bound
 * elsewhere it is unbound again.
 */
final class VolumeSync {
  private final PersistentVolumeController ctrl;
  private final PersistentVolume volume;

  VolumeSync(PersistentVolumeController ctrl, PersistentVolume volume) {
    this.ctrl = ctrl;
    this.volume = volume;
  }

  void run() {
    ObjectReference ref = volume.getSpec().getClaimRef();
    if (ref == null || PersistentVolumeController.isEmpty(ref.getUid())) {
      if (ref != null) {
        ctrl.requeueClaim(ref.getNamespace(), ref.getName()); // a pre-binding to finish
      }
      available();
      return;
    }
    PersistentVolumeClaim claim = ctrl.claim(ref.getNamespace(), ref.getName());
    if (claim == null || !ref.getUid().equals(claim.getMetadata().getUid())) {
      release();
    } else if (PersistentVolumeController.isEmpty(claim.getSpec().getVolumeName())) {
      // a bind under way: the claim's sync finishes it
      ctrl.requeueClaim(ref.getNamespace(), ref.getName());
    } else if (claim.getSpec().getVolumeName().equals(volume.getMetadata().getName())) {
      ctrl.writes().volumePhase(volume, "Bound", null, null);
    } else if (StorageAnnotations.has(volume, StorageAnnotations.PROVISIONED_BY)
        && "Delete".equals(volume.getSpec().getPersistentVolumeReclaimPolicy())) {
      // provisioned for a claim that bound another volume: nobody needs it
      release();
    } else {
      ctrl.writes().unbind(volume);
    }
  }

  private void available() {
    String phase = volume.getStatus() == null ? null : volume.getStatus().getPhase();
    if (!"Available".equals(phase)) {
      ctrl.writes().volumePhase(volume, "Available", null, null);
    }
  }

  private void release() {
    String phase = volume.getStatus() == null ? "" : volume.getStatus().getPhase();
    PersistentVolume released = volume;
    if (!"Released".equals(phase) && !"Failed".equals(phase)) {
      released = ctrl.writes().volumePhase(volume, "Released", null, null);
    }
    if (!"Failed".equals(phase)) {
      reclaim(released);
    }
  }

  private void reclaim(PersistentVolume released) {
    String policy = released.getSpec().getPersistentVolumeReclaimPolicy();
    switch (policy == null ? "Retain" : policy) {
      case "Delete" -> {
        String provisioner = StorageAnnotations.get(released, StorageAnnotations.PROVISIONED_BY);
        if (StorageAnnotations.LOCAL_PATH_PROVISIONER.equals(provisioner)) {
          ctrl.writes().delete(released);
        } else if (provisioner == null) {
          String message =
              "error getting deleter volume plugin for volume \""
                  + released.getMetadata().getName()
                  + "\": no deletable volume plugin matched";
          ctrl.writes().volumePhase(released, "Failed", "VolumeFailedDelete", message);
          ctrl.event(released, true, "VolumeFailedDelete", message);
        }
        // another provisioner's volume: that provisioner deletes it
      }
      case "Recycle" -> {
        String message = "Recycle reclaim policy is deprecated and not supported";
        ctrl.writes().volumePhase(released, "Failed", "VolumeFailedRecycle", message);
        ctrl.event(released, true, "VolumeFailedRecycle", message);
      }
      default -> {} // Retain: the administrator decides
    }
  }
}
