package io.nauta.controllers.volume.localpath;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.client.events.EventRecorder;
import io.nauta.client.volumes.StorageAnnotations;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provisions the claims handed to {@code nauta.io/local-path} (see the package description). A
 * claim whose volume cannot be made yet (no node, or its node announces no directory) is retried
 * every {@link #RETRY}, with one ProvisioningFailed event per distinct reason.
 */
public final class LocalPathProvisioner extends Controller {
  static final Duration RETRY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Map<String, String> failures = new ConcurrentHashMap<>();

  public LocalPathProvisioner(KubernetesClient client, Informers informers, EventRecorder events) {
    super("local-path-provisioner", 1);
    this.client = client;
    this.informers = informers;
    this.events = events.as(LocalPathVolumes.PROVISIONER);
    informers.of(StorageClass.class);
    informers.of(Node.class);
    informers.of(PersistentVolume.class);
    informers
        .of(PersistentVolumeClaim.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(PersistentVolumeClaim c) {
                enqueueIfOurs(c);
              }

              @Override
              public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim c) {
                enqueueIfOurs(c);
              }

              @Override
              public void onDelete(PersistentVolumeClaim c, boolean unknown) {
                failures.remove(c.getMetadata().getUid());
              }
            });
  }

  private void enqueueIfOurs(PersistentVolumeClaim c) {
    if (LocalPathVolumes.PROVISIONER.equals(
        StorageAnnotations.get(c, StorageAnnotations.STORAGE_PROVISIONER))) {
      enqueue(c);
    }
  }

  @Override
  protected void sync(String key) {
    PersistentVolumeClaim claim = informers.get(PersistentVolumeClaim.class, key);
    if (claim == null
        || claim.getMetadata().getDeletionTimestamp() != null
        || !LocalPathVolumes.PROVISIONER.equals(
            StorageAnnotations.get(claim, StorageAnnotations.STORAGE_PROVISIONER))
        || (claim.getSpec().getVolumeName() != null
            && !claim.getSpec().getVolumeName().isEmpty())) {
      return;
    }
    String volumeName = LocalPathVolumes.volumeName(claim);
    if (informers.get(PersistentVolume.class, volumeName) != null) {
      return; // made already; the volume controller binds it
    }
    StorageClass sc = informers.get(StorageClass.class, StorageAnnotations.claimClass(claim));
    if (sc == null || !LocalPathVolumes.PROVISIONER.equals(sc.getProvisioner())) {
      return; // the volume controller reports a missing class
    }
    Optional<String> unsupported = LocalPathVolumes.unsupported(claim);
    if (unsupported.isPresent()) {
      failed(claim, unsupported.get());
      return;
    }
    Node node;
    String selected = StorageAnnotations.get(claim, StorageAnnotations.SELECTED_NODE);
    if (selected != null) {
      node = informers.get(Node.class, selected);
      if (node == null) {
        failed(claim, "node \"" + selected + "\" not found");
        queue.addAfter(key, RETRY);
        return;
      }
    } else if ("WaitForFirstConsumer".equals(sc.getVolumeBindingMode())) {
      return; // the scheduler picks the node with the claim's first pod
    } else {
      Optional<Node> picked =
          LocalPathVolumes.pickNode(
              informers.of(Node.class).getStore().list(),
              informers.of(PersistentVolume.class).getStore().list());
      if (picked.isEmpty()) {
        failed(claim, "no Ready node announces a local-path directory to provision the volume on");
        queue.addAfter(key, RETRY);
        return;
      }
      node = picked.get();
    }
    Optional<String> dir = LocalPathVolumes.directory(node);
    if (dir.isEmpty()) {
      failed(
          claim,
          "node \""
              + node.getMetadata().getName()
              + "\" announces no local-path directory (annotation "
              + LocalPathVolumes.NODE_DIRECTORY
              + "): is its node agent running?");
      queue.addAfter(key, RETRY);
      return;
    }
    String ref = claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName();
    events.normal(
        claim,
        "Provisioning",
        "External provisioner is provisioning volume for claim \"" + ref + "\"");
    try {
      client
          .persistentVolumes()
          .resource(LocalPathVolumes.volume(claim, sc, node, dir.get()))
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return; // made by an earlier sync the cache does not show yet
      }
      failed(claim, "failed to create volume " + volumeName + ": " + e.getMessage());
      throw e;
    }
    failures.remove(claim.getMetadata().getUid());
    events.normal(claim, "ProvisioningSucceeded", "Successfully provisioned volume " + volumeName);
  }

  private void failed(PersistentVolumeClaim claim, String why) {
    String previous = failures.put(claim.getMetadata().getUid(), why);
    if (!Objects.equals(previous, why)) {
      events.warning(claim, "ProvisioningFailed", why);
    }
  }
}
