package io.nauta.scheduler.framework;

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
}
