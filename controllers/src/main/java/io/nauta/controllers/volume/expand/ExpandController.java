package io.nauta.controllers.volume.expand;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.client.events.EventRecorder;
import io.nauta.client.volumes.StorageAnnotations;
import io.nauta.client.volumes.VolumeMatcher;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes' volume expand controller with the local-path resizer built in (see package). */
public final class ExpandController extends Controller {
  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final EventRecorder resizer;

  public ExpandController(KubernetesClient client, Informers informers, EventRecorder events) {
    super("persistentvolume-expander", 1);
    this.client = client;
    this.informers = informers;
    this.events = events.as("volume_expand");
    this.resizer = events.as(StorageAnnotations.LOCAL_PATH_PROVISIONER);
    informers
        .of(PersistentVolumeClaim.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(PersistentVolumeClaim c) {
                enqueueIfGrown(c);
              }

              @Override
              public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim c) {
                enqueueIfGrown(c);
              }

              @Override
              public void onDelete(PersistentVolumeClaim c, boolean unknown) {}
            });
  }

  private void enqueueIfGrown(PersistentVolumeClaim c) {
    if (needsResize(c)) {
      enqueue(c);
    }
  }

  /** Bound, and asking for more than it has. */
  static boolean needsResize(PersistentVolumeClaim c) {
    if (c.getStatus() == null
        || !"Bound".equals(c.getStatus().getPhase())
        || c.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    BigDecimal requested = VolumeMatcher.requested(c);
    BigDecimal capacity = bytes(c.getStatus().getCapacity());
    return requested.compareTo(capacity) > 0;
  }

  @Override
  protected void sync(String key) {
    PersistentVolumeClaim claim = informers.get(PersistentVolumeClaim.class, key);
    if (claim == null || !needsResize(claim)) {
      return;
    }
    PersistentVolume volume =
        informers.get(PersistentVolume.class, claim.getSpec().getVolumeName());
    if (volume == null) {
      return;
    }
    Quantity wanted = requests(claim).get("storage");
    if (!StorageAnnotations.LOCAL_PATH_PROVISIONER.equals(
        StorageAnnotations.get(volume, StorageAnnotations.PROVISIONED_BY))) {
      events.normal(
          claim, "ExternalExpanding", "waiting for an external controller to expand this PVC");
      return;
    }
    String volumeName = volume.getMetadata().getName();
    if (VolumeMatcher.capacity(volume).compareTo(Quantity.getAmountInBytes(wanted)) < 0) {
      resizer.normal(claim, "Resizing", "External resizer is resizing volume " + volumeName);
      client
          .persistentVolumes()
          .resource(
              new PersistentVolumeBuilder(volume)
                  .editSpec()
                  .addToCapacity("storage", wanted)
                  .endSpec()
                  .build())
          .update();
    }
    client
        .persistentVolumeClaims()
        .inNamespace(claim.getMetadata().getNamespace())
        .withName(claim.getMetadata().getName())
        .editStatus(
            c -> {
              c.getStatus().getCapacity().put("storage", wanted);
              if (c.getStatus().getAllocatedResources() != null) {
                c.getStatus().getAllocatedResources().put("storage", wanted);
              }
              return c;
            });
    resizer.normal(claim, "VolumeResizeSuccessful", "Resize volume succeeded");
  }

  private static Map<String, Quantity> requests(PersistentVolumeClaim c) {
    var r = c.getSpec().getResources();
    return r == null || r.getRequests() == null ? Map.of() : r.getRequests();
  }

  private static BigDecimal bytes(Map<String, Quantity> resources) {
    Quantity q = resources == null ? null : resources.get("storage");
    return q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
  }
}
