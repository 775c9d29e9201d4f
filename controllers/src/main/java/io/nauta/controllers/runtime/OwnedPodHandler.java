package io.nauta.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.api.labels.LabelSelector;
import java.util.Objects;
import java.util.function.Function;

/**
 * Pod events for a controller of pod owners of one kind (ReplicaSet, Job): a pod's change enqueues
 * the owner controlling it (before and after the change), an orphan enqueues every owner whose
 * selector matches it (which may adopt it), and creations and deletions are reported to the owner's
 * {@link Expectations}. A graceful deletion counts as the deletion.
 */
public final class OwnedPodHandler<T extends HasMetadata> implements ResourceEventHandler<Pod> {
  private final Controller controller;
  private final Informers informers;
  private final Expectations expectations;
  private final Class<T> ownerType;
  private final String ownerKind;
  private final Function<T, LabelSelector> selector;

  public OwnedPodHandler(
      Controller controller,
      Informers informers,
      Expectations expectations,
      Class<T> ownerType,
      String ownerKind,
      Function<T, LabelSelector> selector) {
    this.controller = controller;
    this.informers = informers;
    this.expectations = expectations;
    this.ownerType = ownerType;
    this.ownerKind = ownerKind;
    this.selector = selector;
  }

  @Override
  public void onAdd(Pod p) {
    String owner = ownerKey(p);
    if (owner != null) {
      expectations.creationObserved(owner);
      controller.enqueue(owner);
    } else if (Pods.controllerOf(p) == null) {
      enqueueSelecting(p);
    }
  }

  @Override
  public void onUpdate(Pod old, Pod p) {
    if (Objects.equals(
        old.getMetadata().getResourceVersion(), p.getMetadata().getResourceVersion())) {
      return; // a resync: owners resync themselves
    }
    String owner = ownerKey(p);
    if (owner != null && p.getMetadata().getDeletionTimestamp() != null) {
      expectations.deletionObserved(owner, Controller.key(p));
    }
    String oldOwner = ownerKey(old);
    if (oldOwner != null && !oldOwner.equals(owner)) {
      controller.enqueue(oldOwner);
    }
    if (owner != null) {
      controller.enqueue(owner);
    } else if (Pods.controllerOf(p) == null) {
      enqueueSelecting(p);
    }
    if (oldOwner != null && !PodClaims.labels(old).equals(PodClaims.labels(p))) {
      controller.enqueue(oldOwner); // it may have to release the pod
    }
  }

  @Override
  public void onDelete(Pod p, boolean unknown) {
    String owner = ownerKey(p);
    if (owner != null) {
      expectations.deletionObserved(owner, Controller.key(p)); // once, even if seen terminating
      controller.enqueue(owner);
    }
  }

  /** The key of the owner controlling {@code p}, if it is one of ours the cache knows. */
  private String ownerKey(Pod p) {
    OwnerReference ref = Pods.controllerOf(p);
    if (ref == null || !ownerKind.equals(ref.getKind())) {
      return null;
    }
    String key = p.getMetadata().getNamespace() + "/" + ref.getName();
    T owner = informers.get(ownerType, key);
    return owner != null && owner.getMetadata().getUid().equals(ref.getUid()) ? key : null;
  }

  private void enqueueSelecting(Pod p) {
    for (T owner : informers.list(ownerType, p.getMetadata().getNamespace())) {
      if (selector.apply(owner).matches(PodClaims.labels(p))) {
        controller.enqueue(owner);
      }
    }
  }
}
