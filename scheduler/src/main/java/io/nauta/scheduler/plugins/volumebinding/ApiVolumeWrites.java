package io.nauta.scheduler.plugins.volumebinding;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.client.volumes.StorageAnnotations;
import io.nauta.client.volumes.VolumeMatcher;

/** {@link VolumeBinding.Writes} through the API. */
public final class ApiVolumeWrites implements VolumeBinding.Writes {
  private final KubernetesClient client;

  public ApiVolumeWrites(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Updates the volume as the scheduler saw it (its resourceVersion), so a volume another claim
   * took meanwhile fails with a conflict instead of being taken twice.
   */
  @Override
  public void bindVolume(PersistentVolume volume, PersistentVolumeClaim claim) {
    PersistentVolume next = new PersistentVolumeBuilder(volume).build();
    next.getSpec().setClaimRef(VolumeMatcher.claimRef(claim));
    StorageAnnotations.put(next, StorageAnnotations.BOUND_BY_CONTROLLER, "yes");
    client.persistentVolumes().resource(next).update();
  }

  @Override
  public void selectNode(PersistentVolumeClaim claim, String node) {
    if (node.equals(StorageAnnotations.get(claim, StorageAnnotations.SELECTED_NODE))) {
      return;
    }
    client
        .persistentVolumeClaims()
        .inNamespace(claim.getMetadata().getNamespace())
        .withName(claim.getMetadata().getName())
        .edit(
            c -> {
              StorageAnnotations.put(c, StorageAnnotations.SELECTED_NODE, node);
              return c;
            });
  }
}
