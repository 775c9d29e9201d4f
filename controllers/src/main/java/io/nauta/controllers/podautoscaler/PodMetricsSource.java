package io.nauta.controllers.podautoscaler;

import java.util.List;

/**
 * Where pod metrics come from: in a cluster, the resource metrics API ({@link
 * ApiPodMetricsSource}); in tests, a fake.
 */
public interface PodMetricsSource {
  /**
   * The latest samples of the pods in {@code namespace} whose labels match {@code labelSelector}
   * (Kubernetes' string form, e.g. {@code app=web}); empty when there are none. Thread-safe.
   *
   * @throws RuntimeException when the metrics cannot be fetched (the message says why)
   */
  List<PodMetrics> list(String namespace, String labelSelector);
}
