package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
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
}
