package io.nauta.controllers.volume.persistentvolume;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.nauta.client.volumes.StorageAnnotations;
import io.nauta.client.volumes.VolumeMatcher;
import java.util.Optional;

/**
 * One sync of a claim, as Kubernetes' {@code syncClaim}: an unbound claim binds to the best
 * matching (or requested) volume, or is handed to its class's provisioner, or waits Pending with an
 * event saying why; a bound claim stays Bound while its volume is bound to it, and is Lost when the
 * volume is gone or bound to another claim.
 */
final class ClaimSync {
  static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

  private final PersistentVolumeController ctrl;
  private final PersistentVolumeClaim claim;

  ClaimSync(PersistentVolumeController ctrl, PersistentVolumeClaim claim) {
    this.ctrl = ctrl;
    this.claim = claim;
  }

  void run() {
    if (StorageAnnotations.has(claim, StorageAnnotations.BIND_COMPLETED)) {
      syncBound();
    } else if (PersistentVolumeController.isEmpty(claim.getSpec().getVolumeName())) {
      syncUnbound();
    } else {
      syncRequested(claim.getSpec().getVolumeName());
    }
  }

  private void syncUnbound() {
    String className = StorageAnnotations.claimClass(claim);
    StorageClass sc = className.isEmpty() ? null : ctrl.storageClass(className);
    boolean delay = sc != null && WAIT_FOR_FIRST_CONSUMER.equals(sc.getVolumeBindingMode());
    Optional<PersistentVolume> match = VolumeMatcher.findBestMatch(claim, ctrl.volumes(), delay);
    if (match.isPresent()) {
      ctrl.writes().bind(match.get(), claim);
      ctrl.eventsSettled(claim);
      return;
    }
    if (delay && !StorageAnnotations.has(claim, StorageAnnotations.SELECTED_NODE)) {
      ctrl.event(
          claim,
          false,
          WAIT_FOR_FIRST_CONSUMER,
          "waiting for first consumer to be created before binding");
    } else if (!className.isEmpty()) {
      provision(className, sc);
      return;
    } else {
      ctrl.event(
          claim,
          false,
          "FailedBinding",
          "no persistent volumes available for this claim and no storage class is set");
    }
    ctrl.writes().claimPhase(claim, "Pending");
  }

  /**
   * Hands the claim to its class's provisioner by annotating it, as Kubernetes does for external
   * provisioners; the provisioner creates a volume pre-bound to the claim, which the next sync
   * binds.
   */
  private void provision(String className, StorageClass sc) {
    if (sc == null) {
      ctrl.event(
          claim,
          true,
          "ProvisioningFailed",
          "storageclass.storage.k8s.io \"" + className + "\" not found");
      ctrl.writes().claimPhase(claim, "Pending");
      return;
    }
    ctrl.writes().askProvisioner(claim, sc.getProvisioner());
    ctrl.event(
        claim,
        false,
        "ExternalProvisioning",
        "Waiting for a volume to be created either by the external provisioner '"
            + sc.getProvisioner()
            + "' or manually by the system administrator. If volume creation is delayed, please"
            + " verify that the provisioner is running and correctly registered.");
  }

  /** The user asked for a volume by name ({@code spec.volumeName}). */
  private void syncRequested(String volumeName) {
    PersistentVolume volume = ctrl.volume(volumeName);
    if (volume == null) {
      ctrl.writes().claimPhase(claim, "Pending"); // it may be created later
      return;
    }
    if (volume.getSpec().getClaimRef() == null) {
      Optional<String> mismatch = VolumeMatcher.mismatch(volume, claim);
      if (mismatch.isPresent()) {
        ctrl.event(
            claim,
            true,
            "VolumeMismatch",
            "Cannot bind to requested volume \"" + volumeName + "\": " + mismatch.get());
        ctrl.writes().claimPhase(claim, "Pending");
      } else {
        ctrl.writes().bind(volume, claim);
        ctrl.eventsSettled(claim);
      }
    } else if (VolumeMatcher.boundToClaim(volume, claim)) {
      ctrl.writes().bind(volume, claim);
      ctrl.eventsSettled(claim);
    } else {
      // the volume belongs to another claim: wait, it may be released
      ctrl.writes().claimPhase(claim, "Pending");
    }
  }

  private void syncBound() {
    String volumeName = claim.getSpec().getVolumeName();
    if (PersistentVolumeController.isEmpty(volumeName)) {
      lost(
          "ClaimLost",
          "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
      return;
    }
    PersistentVolume volume = ctrl.volume(volumeName);
    if (volume == null) {
      lost("ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
    } else if (volume.getSpec().getClaimRef() == null
        || VolumeMatcher.boundToClaim(volume, claim)) {
      // finishes an interrupted bind, or confirms a complete one without writing
      ctrl.writes().bind(volume, claim);
    } else {
      lost(
          "ClaimMisbound",
          "Two claims are bound to the same volume, this one is bound incorrectly");
    }
  }

  private void lost(String reason, String message) {
    if (claim.getStatus() == null || !"Lost".equals(claim.getStatus().getPhase())) {
      ctrl.event(claim, true, reason, message);
    }
    ctrl.writes().claimPhase(claim, "Lost");
  }
}
