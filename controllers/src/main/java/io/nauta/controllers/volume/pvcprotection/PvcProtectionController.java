package io.nauta.controllers.volume.pvcprotection;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.client.volumes.PodClaims;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Removes the protection finalizer of deleted claims no pod uses (see the package description). */
public final class PvcProtectionController extends Controller {
  /** The finalizer the API server adds to every claim on create. */
  public static final String FINALIZER = "kubernetes.io/pvc-protection";

  private final KubernetesClient client;
  private final Informers informers;

  public PvcProtectionController(KubernetesClient client, Informers informers) {
    super("pvc-protection", 1);
    this.client = client;
    this.informers = informers;
    informers
        .of(PersistentVolumeClaim.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(PersistentVolumeClaim c) {
                enqueueIfDeleting(c);
              }

              @Override
              public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim c) {
                enqueueIfDeleting(c);
              }

              @Override
              public void onDelete(PersistentVolumeClaim c, boolean unknown) {}
            });
    informers
        .of(Pod.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Pod p) {}

              @Override
              public void onUpdate(Pod old, Pod p) {
                if (!usesClaims(p)) {
                  enqueueClaimsOf(p); // finished: its claims may go
                }
              }

              @Override
              public void onDelete(Pod p, boolean unknown) {
                enqueueClaimsOf(p);
              }
            });
  }

  private void enqueueIfDeleting(PersistentVolumeClaim c) {
    if (c.getMetadata().getDeletionTimestamp() != null
        && c.getMetadata().getFinalizers() != null
        && c.getMetadata().getFinalizers().contains(FINALIZER)) {
      enqueue(c);
    }
  }

  private void enqueueClaimsOf(Pod p) {
    for (String claim : PodClaims.names(p)) {
      enqueue(p.getMetadata().getNamespace() + "/" + claim);
    }
  }

  @Override
  protected void sync(String key) {
    PersistentVolumeClaim claim = informers.get(PersistentVolumeClaim.class, key);
    if (claim == null
        || claim.getMetadata().getDeletionTimestamp() == null
        || claim.getMetadata().getFinalizers() == null
        || !claim.getMetadata().getFinalizers().contains(FINALIZER)) {
      return;
    }
    String ns = claim.getMetadata().getNamespace();
    String name = claim.getMetadata().getName();
    if (inUse(informers.list(Pod.class, ns), name)) {
      return; // a pod's deletion or end enqueues the claim again
    }
    // the cache may not show a pod created just now: ask the API server before letting go
    if (inUse(client.pods().inNamespace(ns).list().getItems(), name)) {
      return;
    }
    List<String> finalizers = new ArrayList<>(claim.getMetadata().getFinalizers());
    finalizers.remove(FINALIZER);
    PersistentVolumeClaim next =
        new PersistentVolumeClaimBuilder(claim)
            .editMetadata()
            .withFinalizers(finalizers)
            .endMetadata()
            .build();
    client.persistentVolumeClaims().inNamespace(ns).resource(next).update();
  }

  /**
   * Whether a pod among {@code pods} uses the claim {@code name}: pods not yet scheduled do not (an
   * agent never starts a pod on a claim being deleted), finished ones no longer do.
   */
  static boolean inUse(Collection<Pod> pods, String name) {
    return pods.stream().anyMatch(p -> usesClaims(p) && PodClaims.names(p).contains(name));
  }

  private static boolean usesClaims(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return p.getSpec() != null
        && p.getSpec().getNodeName() != null
        && !p.getSpec().getNodeName().isEmpty()
        && !"Succeeded".equals(phase)
        && !"Failed".equals(phase);
  }
}
