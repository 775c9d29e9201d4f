package io.nauta.controllers.podautoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource's usage per pod, from a {@link PodMetricsSource}, as Kubernetes' resource metrics
 * client reads it: a pod's value is the sum over its containers, and a pod with a container that
 * lacks the resource has no value (it counts as missing); with a container name, that container's
 * value, and an error if a pod has no such container. Stateless.
 */
final class ResourceMetricsClient {
  /** A pod's value in milli-units, when it was sampled and over which window. */
  record PodMetric(long value, Instant timestamp, Duration window) {}

  /** Values by pod name, and the timestamp of the first sample (what status reports). */
  record PodMetricsInfo(Map<String, PodMetric> byPod, Instant timestamp) {}

  /** Either the values or why there are none. */
  sealed interface Fetch {
    record Metrics(PodMetricsInfo info) implements Fetch {}

    record Failure(String message) implements Fetch {}
  }

  private final PodMetricsSource source;

  ResourceMetricsClient(PodMetricsSource source) {
    this.source = source;
  }

  /** {@code resource}'s usage of the selected pods; {@code container} empty for whole pods. */
  Fetch resourceMetric(String resource, String namespace, String selector, String container) {
    List<PodMetrics> items;
    try {
      items = source.list(namespace, selector);
    } catch (RuntimeException e) {
      return new Fetch.Failure(
          "unable to fetch metrics from resource metrics API: " + e.getMessage());
    }
    return values(items, resource, container);
  }

  static Fetch values(List<PodMetrics> items, String resource, String container) {
    if (items.isEmpty()) {
      return new Fetch.Failure("no metrics returned from resource metrics API");
    }
    Map<String, PodMetric> out = new HashMap<>();
    for (PodMetrics m : items) {
      if (!container.isEmpty()) {
        PodMetrics.ContainerMetrics c =
            m.containers().stream()
                .filter(x -> x.name().equals(container))
                .findFirst()
                .orElse(null);
        if (c == null) {
          return new Fetch.Failure(
              "failed to get container metrics: container "
                  + container
                  + " not present in metrics for pod "
                  + m.name());
        }
        Long v = c.usageMilli().get(resource);
        if (v != null) {
          out.put(m.name(), new PodMetric(v, m.timestamp(), m.window()));
        }
        continue;
      }
      long sum = 0;
      boolean missing = m.containers().isEmpty();
      for (PodMetrics.ContainerMetrics c : m.containers()) {
        Long v = c.usageMilli().get(resource);
        if (v == null) {
          missing = true;
          break;
        }
        sum += v;
      }
      if (!missing) {
        out.put(m.name(), new PodMetric(sum, m.timestamp(), m.window()));
      }
    }
    return new Fetch.Metrics(new PodMetricsInfo(out, items.get(0).timestamp()));
  }
}
