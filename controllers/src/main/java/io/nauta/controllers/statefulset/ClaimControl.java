package io.nauta.controllers.statefulset;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.client.events.EventRecorder;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.PodControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the StatefulSet controller makes and keeps the claims of its pods' volumeClaimTemplates
 * ({@link VolumeClaims}): reads the shared claim cache, writes through the API, one Event per claim
 * made or refused. A claim that exists is reused as it is, never recreated or changed, except for
 * the owner references the retention policy asks for. Thread-safe.
 */
final class ClaimControl {
  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;

  ClaimControl(KubernetesClient client, Informers informers, EventRecorder events) {
    this.client = client;
    this.informers = informers;
    this.events = events;
  }

  /**
   * Creates the claims the pod {@code podName} of {@code ordinal} is missing. Returns null when
   * every claim exists and none is being deleted, else why the pod cannot be made yet (Kubernetes'
   * wording, e.g. {@code pvc data-web-0 is being deleted}).
   */
  String create(StatefulSet set, String podName, int ordinal) {
    List<String> errors = new ArrayList<>();
    String ns = set.getMetadata().getNamespace();
    for (PersistentVolumeClaim claim : VolumeClaims.claims(set, ordinal).values()) {
      String name = claim.getMetadata().getName();
      PersistentVolumeClaim cached = informers.get(PersistentVolumeClaim.class, ns + "/" + name);
      if (cached == null) {
        try {
          client.persistentVolumeClaims().inNamespace(ns).resource(claim).create();
          events.normal(
              set,
              "SuccessfulCreate",
              "create Claim "
                  + name
                  + " Pod "
                  + podName
                  + " in StatefulSet "
                  + set.getMetadata().getName()
                  + " success");
          continue;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            String why = PodControl.message(e);
            errors.add("failed to create PVC " + name + ": " + why);
            events.warning(
                set,
                "FailedCreate",
                "create Claim "
                    + name
                    + " for Pod "
                    + podName
                    + " in StatefulSet "
                    + set.getMetadata().getName()
                    + " failed error: "
                    + why);
            continue;
          }
          // made meanwhile (our cache is behind): reuse it, unless it is going away
          cached = client.persistentVolumeClaims().inNamespace(ns).withName(name).get();
          if (cached == null) {
            errors.add("failed to create PVC " + name + ": " + PodControl.message(e));
            continue;
          }
        }
      }
      if (cached.getMetadata().getDeletionTimestamp() != null) {
        errors.add("pvc " + name + " is being deleted");
      }
    }
    if (errors.isEmpty()) {
      return null;
    }
    return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
  }

  /**
   * Whether a claim of the ordinal still belongs to an earlier pod of that name, so the pod must
   * wait for the garbage collector to delete it. Only under whenScaled Delete: otherwise claims are
   * meant to be reused.
   */
  boolean stale(StatefulSet set, String podName, int ordinal) {
    if (!VolumeClaims.DELETE.equals(VolumeClaims.Policy.of(set).whenScaled())) {
      return false;
    }
    String ns = set.getMetadata().getNamespace();
    for (PersistentVolumeClaim claim : VolumeClaims.claims(set, ordinal).values()) {
      PersistentVolumeClaim cached =
          informers.get(PersistentVolumeClaim.class, ns + "/" + claim.getMetadata().getName());
      if (cached != null && VolumeClaims.stale(cached, podName, null)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Brings the owner references of {@code pod}'s claims in line with the set's retention policy
   * (the pod's ordinal in the set's range or not). Claims not made yet are skipped; a write that
   * loses a race throws the 409 for the sync to be retried.
   */
  void updateOwners(StatefulSet set, Pod pod, int ordinal, boolean inRange) {
    String ns = set.getMetadata().getNamespace();
    for (Map.Entry<String, PersistentVolumeClaim> e :
        VolumeClaims.claims(set, ordinal).entrySet()) {
      String name = e.getValue().getMetadata().getName();
      PersistentVolumeClaim cached = informers.get(PersistentVolumeClaim.class, ns + "/" + name);
      if (cached == null || VolumeClaims.ownersUpToDate(cached, set, pod, inRange)) {
        continue;
      }
      if (VolumeClaims.otherController(cached, set, pod)) {
        events.warning(
            set,
            "ConflictingController",
            "PersistentVolumeClaim "
                + name
                + " has a conflicting OwnerReference that acts as a managing controller, the"
                + " retention policy is ignored for this claim");
      }
      PersistentVolumeClaim next =
          new PersistentVolumeClaimBuilder(cached)
              .editMetadata()
              .withOwnerReferences(VolumeClaims.owners(cached, set, pod, inRange))
              .endMetadata()
              .build();
      try {
        client.persistentVolumeClaims().inNamespace(ns).resource(next).update();
      } catch (KubernetesClientException x) {
        if (x.getCode() != 404) {
          throw x;
        }
      }
    }
  }
}
