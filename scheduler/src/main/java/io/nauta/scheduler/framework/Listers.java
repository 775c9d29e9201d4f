package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.List;

/**
 * Cluster objects plugins may read besides the node snapshot, served from the scheduler's informer
 * caches. {@link #NONE} sees nothing (tests, or a cluster without such objects).
 */
public interface Listers {
  Listers NONE = namespace -> List.of();

  /** The PodDisruptionBudgets in {@code namespace}. */
  List<PodDisruptionBudget> podDisruptionBudgets(String namespace);

  /** The Services in {@code namespace}. */
  default List<Service> services(String namespace) {
    return List.of();
  }

  /**
   * The pod selector of a controller that owns pods: a ReplicaSet, StatefulSet or
   * ReplicationController (whose plain map selector comes back as {@code matchLabels}); null when
   * there is no such object.
   */
  default LabelSelector controllerSelector(String namespace, String kind, String name) {
    return null;
  }

  /** The claim {@code namespace/name}, or null when there is none. */
  default PersistentVolumeClaim persistentVolumeClaim(String namespace, String name) {
    return null;
  }

  /** The PersistentVolume {@code name}, or null when there is none. */
  default PersistentVolume persistentVolume(String name) {
    return null;
  }

  /** Every PersistentVolume. */
  default List<PersistentVolume> persistentVolumes() {
    return List.of();
  }

  /** The StorageClass {@code name}, or null when there is none. */
  default StorageClass storageClass(String name) {
    return null;
  }

  /** The CSINode of node {@code name}, or null when there is none. */
  default CSINode csiNode(String name) {
    return null;
  }
}
