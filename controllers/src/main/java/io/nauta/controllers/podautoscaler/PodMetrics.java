package io.nauta.controllers.podautoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One pod's sample from the resource metrics API ({@code metrics.k8s.io/v1beta1} PodMetrics): when
 * it was taken, over which window, and each container's usage in milli-units (cpu in millicores,
 * memory in milli-bytes, as Kubernetes' {@code MilliValue}).
 */
public record PodMetrics(
    String name, Instant timestamp, Duration window, List<ContainerMetrics> containers) {
  public PodMetrics {
    containers = List.copyOf(containers);
  }

  /** A container's usage: resource name ({@code cpu}, {@code memory}) to milli-units. */
  public record ContainerMetrics(String name, Map<String, Long> usageMilli) {
    public ContainerMetrics {
      usageMilli = Map.copyOf(usageMilli);
    }
  }
}
