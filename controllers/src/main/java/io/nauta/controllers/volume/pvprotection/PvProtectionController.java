package io.nauta.controllers.volume.pvprotection;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import java.util.ArrayList;
import java.util.List;

/** Removes the protection finalizer of deleted volumes no claim is bound to. */
public final class PvProtectionController extends Controller {
  /** The finalizer the API server adds to every volume on create. */
  public static final String FINALIZER = "kubernetes.io/pv-protection";

  private final KubernetesClient client;
  private final Informers informers;

  public PvProtectionController(KubernetesClient client, Informers informers) {
    super("pv-protection", 1);
    this.client = client;
    this.informers = informers;
    informers
        .of(PersistentVolume.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(PersistentVolume v) {
                enqueueIfDeleting(v);
              }

              @Override
              public void onUpdate(PersistentVolume old, PersistentVolume v) {
                enqueueIfDeleting(v);
              }

              @Override
              public void onDelete(PersistentVolume v, boolean unknown) {}
            });
  }

  private void enqueueIfDeleting(PersistentVolume v) {
    if (v.getMetadata().getDeletionTimestamp() != null
        && v.getMetadata().getFinalizers() != null
        && v.getMetadata().getFinalizers().contains(FINALIZER)) {
      enqueue(v);
    }
  }

  @Override
  protected void sync(String key) {
    PersistentVolume volume = informers.get(PersistentVolume.class, key);
    if (volume == null
        || volume.getMetadata().getDeletionTimestamp() == null
        || volume.getMetadata().getFinalizers() == null
        || !volume.getMetadata().getFinalizers().contains(FINALIZER)
        || bound(volume)) {
      return; // a bound volume's release updates it and enqueues it again
    }
    List<String> finalizers = new ArrayList<>(volume.getMetadata().getFinalizers());
    finalizers.remove(FINALIZER);
    client
        .persistentVolumes()
        .resource(
            new PersistentVolumeBuilder(volume)
                .editMetadata()
                .withFinalizers(finalizers)
                .endMetadata()
                .build())
        .update();
  }

  /** In use: Bound to a claim, as Kubernetes' controller judges it. */
  static boolean bound(PersistentVolume v) {
    return v.getStatus() != null && "Bound".equals(v.getStatus().getPhase());
  }
}
