package io.nauta.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.api.labels.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which pods an owner (ReplicaSet, Job, DaemonSet, StatefulSet) controls, Kubernetes' way: those
 * with its controller reference that its selector still matches, plus orphans the selector matches,
 * which are adopted; controlled pods that stopped matching are released. An owner being deleted
 * neither adopts nor releases.
 */
public final class PodClaims {
  private PodClaims() {}

  /** The owner's pods among {@code pods}, adopting and releasing through {@code client}. */
  public static List<Pod> claim(
      KubernetesClient client, HasMetadata owner, LabelSelector selector, List<Pod> pods) {
    String uid = owner.getMetadata().getUid();
    boolean deleting = owner.getMetadata().getDeletionTimestamp() != null;
    List<Pod> out = new ArrayList<>();
    for (Pod p : pods) {
      OwnerReference ref = Pods.controllerOf(p);
      boolean matches = selector.matches(labels(p));
      if (ref != null && uid.equals(ref.getUid())) {
        if (matches || deleting) {
          out.add(p);
        } else {
          release(client, p, uid);
        }
      } else if (ref == null
          && matches
          && !deleting
          && p.getMetadata().getDeletionTimestamp() == null
          && adopt(client, owner, p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static boolean adopt(KubernetesClient client, HasMetadata owner, Pod p) {
    return edit(
        client,
        p,
        x ->
            Pods.controllerOf(x) != null
                ? x // someone else adopted it first
                : new PodBuilder(x)
                    .editMetadata()
                    .addToOwnerReferences(PodControl.controllerRef(owner))
                    .endMetadata()
                    .build());
  }

  private static void release(KubernetesClient client, Pod p, String uid) {
    // a failure means the pod is gone or changed: the next sync sees it
    edit(
        client,
        p,
        x -> {
          x.getMetadata().getOwnerReferences().removeIf(r -> uid.equals(r.getUid()));
          return x;
        });
  }

  /** Patches the live pod with {@code change}; false if that failed. */
  private static boolean edit(KubernetesClient client, Pod p, UnaryOperator<Pod> change) {
    try {
      client
          .pods()
          .inNamespace(p.getMetadata().getNamespace())
          .withName(p.getMetadata().getName())
          .edit(change);
      return true;
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  /** The pod's labels, never null. */
  public static Map<String, String> labels(HasMetadata p) {
    Map<String, String> l = p.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }
}
