package io.nauta.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.client.labels.LabelSelectors;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Expectations;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.PodClaims;
import io.nauta.controllers.runtime.Pods;
import java.util.Objects;

/**
 * Which DaemonSets an informer event concerns: the set itself; the controlling set of a pod (its
 * creation or deletion also settles expectations) or, for an orphan, the sets selecting it; every
 * set when a node comes, goes, or changes its labels, taints or schedulability.
 */
final class DaemonSetEvents {
  private DaemonSetEvents() {}

  static void register(DaemonSetController c, Informers informers, Expectations expectations) {
    informers
        .of(DaemonSet.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(DaemonSet ds) {
                c.enqueue(ds);
              }

              @Override
              public void onUpdate(DaemonSet old, DaemonSet ds) {
                c.enqueue(ds);
              }

              @Override
              public void onDelete(DaemonSet ds, boolean unknown) {
                expectations.delete(Controller.key(ds));
              }
            });
    informers
        .of(Node.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Node n) {
                all(c, informers);
              }

              @Override
              public void onUpdate(Node old, Node n) {
                if (!Objects.equals(old.getMetadata().getLabels(), n.getMetadata().getLabels())
                    || !Objects.equals(old.getSpec(), n.getSpec())) {
                  all(c, informers);
                }
              }

              @Override
              public void onDelete(Node n, boolean unknown) {
                all(c, informers);
              }
            });
    informers
        .of(Pod.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Pod p) {
                String owner = c.ownerKey(p);
                if (owner != null) {
                  expectations.creationObserved(owner);
                  c.enqueue(owner);
                } else if (Pods.controllerOf(p) == null) {
                  selecting(c, informers, p);
                }
              }

              @Override
              public void onUpdate(Pod old, Pod p) {
                if (old.getMetadata()
                    .getResourceVersion()
                    .equals(p.getMetadata().getResourceVersion())) {
                  return;
                }
                String owner = c.ownerKey(p);
                if (owner != null && p.getMetadata().getDeletionTimestamp() != null) {
                  expectations.deletionObserved(owner, Controller.key(p));
                }
                String oldOwner = c.ownerKey(old);
                if (oldOwner != null && !oldOwner.equals(owner)) {
                  c.enqueue(oldOwner);
                }
                if (owner != null) {
                  c.enqueue(owner);
                } else if (Pods.controllerOf(p) == null) {
                  selecting(c, informers, p);
                }
              }

              @Override
              public void onDelete(Pod p, boolean unknown) {
                String owner = c.ownerKey(p);
                if (owner != null) {
                  expectations.deletionObserved(owner, Controller.key(p));
                  c.enqueue(owner);
                }
              }
            });
  }

  private static void all(DaemonSetController c, Informers informers) {
    informers.of(DaemonSet.class).getStore().list().forEach(c::enqueue);
  }

  private static void selecting(DaemonSetController c, Informers informers, Pod p) {
    for (DaemonSet ds : informers.list(DaemonSet.class, p.getMetadata().getNamespace())) {
      if (LabelSelectors.compile(ds.getSpec().getSelector()).matches(PodClaims.labels(p))) {
        c.enqueue(ds);
      }
    }
  }
}
