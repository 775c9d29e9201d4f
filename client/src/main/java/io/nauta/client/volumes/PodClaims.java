package io.nauta.client.volumes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/** The PersistentVolumeClaims a pod uses. */
public final class PodClaims {
  private PodClaims() {}

  /**
   * The names of the claims {@code pod}'s volumes name, in the pod's namespace: those of {@code
   * persistentVolumeClaim} volumes, and {@code <pod>-<volume>} for generic ephemeral volumes.
   */
  public static List<String> names(Pod pod) {
    List<String> names = new ArrayList<>();
    if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
      return names;
    }
    for (Volume v : pod.getSpec().getVolumes()) {
      if (v.getPersistentVolumeClaim() != null) {
        names.add(v.getPersistentVolumeClaim().getClaimName());
      } else if (v.getEphemeral() != null) {
        names.add(pod.getMetadata().getName() + "-" + v.getName());
      }
    }
    return names;
  }
}
