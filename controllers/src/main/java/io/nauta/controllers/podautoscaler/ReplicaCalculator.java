package io.nauta.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.nauta.controllers.podautoscaler.ResourceMetricsClient.PodMetric;
import io.nauta.controllers.podautoscaler.ResourceMetricsClient.PodMetricsInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' replica calculation for resource metrics: the ratio of the pods' usage to the target
 * (utilization of their requests, or an average value) scales the ready pods' count, unless it is
 * within the tolerance of 1. Pods without metrics count as using nothing on a scale-up and the
 * target (100% of their request, or more for targets above 100%) on a scale-down; on a scale-up,
 * pods not yet ready count as using nothing; when these assumptions would reverse the direction or
 * bring the ratio within tolerance, the replicas stay as they are. Stateless.
 */
final class ReplicaCalculator {
  /**
   * The calculation's tuning, Kubernetes' flags of the same names.
   *
   * @param tolerance how far the ratio may be from 1 with no change (0.1)
   * @param cpuInitializationPeriod how long after a pod started its CPU samples are doubted (5 min)
   * @param initialReadinessDelay how long after a pod started its readiness may still flip (30 s)
   */
  record Config(
      double tolerance, Duration cpuInitializationPeriod, Duration initialReadinessDelay) {
    static final Config DEFAULTS = new Config(0.1, Duration.ofMinutes(5), Duration.ofSeconds(30));
  }

  /** The outcome: a replica count or why there is none. */
  sealed interface Calculation {
    /**
     * @param utilization the pods' usage in percent of their requests (utilization targets only)
     * @param averageValue the pods' average usage in milli-units
     */
    record Replicas(int replicas, int utilization, long averageValue, Instant timestamp)
        implements Calculation {}

    record Failure(String message) implements Calculation {}
  }

  /** The pods by how their samples count. */
  record PodGroups(int readyCount, Set<String> unready, Set<String> missing, Set<String> ignored) {}

  private final Config config;

  ReplicaCalculator(Config config) {
    this.config = config;
  }

  /** Replicas for a target utilization (percent of the pods' requests of {@code resource}). */
  Calculation utilization(
      int currentReplicas,
      int targetUtilization,
      String resource,
      String container,
      List<Pod> pods,
      PodMetricsInfo info,
      Instant now) {
    Counted counted = count(pods, info, resource, now);
    if (counted.failure() != null) {
      return counted.failure();
    }
    PodGroups groups = counted.groups();
    Map<String, Long> metrics = counted.metrics();
    Map<String, Long> requests = new HashMap<>();
    String missingRequest = requests(pods, container, resource, requests);
    if (missingRequest != null) {
      return new Calculation.Failure(missingRequest);
    }
    Ratio first = utilizationRatio(metrics, requests, targetUtilization);
    if (first == null) {
      return new Calculation.Failure("no metrics returned matched known pods");
    }
    boolean scaleUpWithUnready = !groups.unready().isEmpty() && first.ratio() > 1.0;
    if (!scaleUpWithUnready && groups.missing().isEmpty()) {
      return replicas(plain(currentReplicas, first.ratio(), groups.readyCount()), first, info);
    }
    if (!groups.missing().isEmpty()) {
      long fallback = Math.max(100, targetUtilization);
      for (String pod : groups.missing()) {
        if (first.ratio() < 1.0) {
          metrics.put(pod, requests.get(pod) * fallback / 100);
        } else if (first.ratio() > 1.0) {
          metrics.put(pod, 0L);
        }
      }
    }
    if (scaleUpWithUnready) {
      groups.unready().forEach(pod -> metrics.put(pod, 0L));
    }
    Ratio again = utilizationRatio(metrics, requests, targetUtilization);
    return replicas(
        adjusted(currentReplicas, first.ratio(), again.ratio(), metrics.size()), first, info);
  }

  /** Replicas for a target average value of {@code resource} per pod, in milli-units. */
  Calculation averageValue(
      int currentReplicas,
      long targetMilli,
      String resource,
      String container,
      List<Pod> pods,
      PodMetricsInfo info,
      Instant now) {
    Counted counted = count(pods, info, resource, now);
    if (counted.failure() != null) {
      return counted.failure();
    }
    PodGroups groups = counted.groups();
    Map<String, Long> metrics = counted.metrics();
    long usage = average(metrics);
    double ratio = (double) usage / targetMilli;
    boolean scaleUpWithUnready = !groups.unready().isEmpty() && ratio > 1.0;
    if (!scaleUpWithUnready && groups.missing().isEmpty()) {
      return new Calculation.Replicas(
          plain(currentReplicas, ratio, groups.readyCount()), 0, usage, info.timestamp());
    }
    for (String pod : groups.missing()) {
      metrics.put(pod, ratio < 1.0 ? targetMilli : 0L);
    }
    if (scaleUpWithUnready) {
      groups.unready().forEach(pod -> metrics.put(pod, 0L));
    }
    double again = (double) average(metrics) / targetMilli;
    return new Calculation.Replicas(
        adjusted(currentReplicas, ratio, again, metrics.size()), 0, usage, info.timestamp());
  }

  /** The pods' groups and countable samples, or why there is nothing to count. */
  private record Counted(
      PodGroups groups, Map<String, Long> metrics, Calculation.Failure failure) {}

  private Counted count(List<Pod> pods, PodMetricsInfo info, String resource, Instant now) {
    if (pods.isEmpty()) {
      return new Counted(
          null,
          null,
          new Calculation.Failure("no pods returned by selector while calculating replica count"));
    }
    PodGroups groups = group(pods, info.byPod(), resource, now);
    Map<String, Long> metrics = usable(info, groups);
    if (metrics.isEmpty()) {
      return new Counted(
          groups,
          metrics,
          new Calculation.Failure(
              "did not receive metrics for targeted pods (pods might be unready)"));
    }
    return new Counted(groups, metrics, null);
  }

  /** The count when every pod has a ready sample: the current one within the tolerance. */
  private int plain(int currentReplicas, double ratio, int ready) {
    return Math.abs(1.0 - ratio) <= config.tolerance()
        ? currentReplicas
        : (int) Math.ceil(ratio * ready);
  }

  /** The count after the conservative assumptions, unless they reverse or cancel the change. */
  private int adjusted(int currentReplicas, double ratio, double newRatio, int counted) {
    if (Math.abs(1.0 - newRatio) <= config.tolerance()
        || (ratio < 1.0 && newRatio > 1.0)
        || (ratio > 1.0 && newRatio < 1.0)) {
      return currentReplicas;
    }
    int replicas = (int) Math.ceil(newRatio * counted);
    if ((newRatio < 1.0 && replicas > currentReplicas)
        || (newRatio > 1.0 && replicas < currentReplicas)) {
      return currentReplicas;
    }
    return replicas;
  }

  /** The samples that count: all but those of ignored and unready pods. */
  private static Map<String, Long> usable(PodMetricsInfo info, PodGroups groups) {
    Map<String, Long> metrics = new HashMap<>();
    info.byPod().forEach((pod, m) -> metrics.put(pod, m.value()));
    metrics.keySet().removeAll(groups.ignored());
    metrics.keySet().removeAll(groups.unready());
    return metrics;
  }

  private static Calculation replicas(int replicas, Ratio r, PodMetricsInfo info) {
    return new Calculation.Replicas(replicas, r.utilization(), r.average(), info.timestamp());
  }

  private static long average(Map<String, Long> metrics) {
    long total = 0;
    for (long v : metrics.values()) {
      total += v;
    }
    return total / metrics.size();
  }

  private record Ratio(double ratio, int utilization, long average) {}

  /** Usage over requests of the pods with both; null when none has a request. */
  private static Ratio utilizationRatio(
      Map<String, Long> metrics, Map<String, Long> requests, int target) {
    long used = 0;
    long requested = 0;
    int n = 0;
    for (var e : metrics.entrySet()) {
      Long request = requests.get(e.getKey());
      if (request == null) {
        continue;
      }
      used += e.getValue();
      requested += request;
      n++;
    }
    if (requested == 0) {
      return null;
    }
    int utilization = (int) (used * 100 / requested);
    return new Ratio((double) utilization / target, utilization, used / n);
  }

  /**
   * Sorts the pods as Kubernetes' {@code groupPods}: deleted and failed pods are ignored, pending
   * ones unready, ones without a sample missing; for CPU, a pod is unready when it has no Ready
   * condition or start time, when within its initialization period it is not ready or its sample
   * predates a full window since readiness changed, or after it when it is not ready and has never
   * been.
   */
  PodGroups group(List<Pod> pods, Map<String, PodMetric> samples, String resource, Instant now) {
    int ready = 0;
    Set<String> unready = new HashSet<>();
    Set<String> missing = new HashSet<>();
    Set<String> ignored = new HashSet<>();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      String phase = pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
      if (pod.getMetadata().getDeletionTimestamp() != null || phase.equals("Failed")) {
        ignored.add(name);
        continue;
      }
      if (phase.equals("Pending")) {
        unready.add(name);
        continue;
      }
      PodMetric sample = samples.get(name);
      if (sample == null) {
        missing.add(name);
        continue;
      }
      if (resource.equals("cpu") && cpuUnready(pod, sample, now)) {
        unready.add(name);
        continue;
      }
      ready++;
    }
    return new PodGroups(ready, unready, missing, ignored);
  }

  private boolean cpuUnready(Pod pod, PodMetric sample, Instant now) {
    PodCondition readyCondition = null;
    if (pod.getStatus().getConditions() != null) {
      for (PodCondition c : pod.getStatus().getConditions()) {
        if ("Ready".equals(c.getType())) {
          readyCondition = c;
        }
      }
    }
    String started = pod.getStatus().getStartTime();
    if (readyCondition == null || started == null) {
      return true;
    }
    Instant start = Instant.parse(started);
    Instant transition =
        readyCondition.getLastTransitionTime() == null
            ? Instant.EPOCH
            : Instant.parse(readyCondition.getLastTransitionTime());
    boolean notReady = "False".equals(readyCondition.getStatus());
    if (start.plus(config.cpuInitializationPeriod()).isAfter(now)) {
      return notReady || sample.timestamp().isBefore(transition.plus(sample.window()));
    }
    return notReady && start.plus(config.initialReadinessDelay()).isAfter(transition);
  }

  /**
   * Each pod's request of {@code resource} in milli-units, summed over its containers (or the one
   * named {@code container}) and its sidecars (restartable init containers), into {@code out};
   * returns the error when a container has no such request, else null.
   */
  static String requests(List<Pod> pods, String container, String resource, Map<String, Long> out) {
    for (Pod pod : pods) {
      List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
      if (pod.getSpec().getInitContainers() != null) {
        for (Container c : pod.getSpec().getInitContainers()) {
          if ("Always".equals(c.getRestartPolicy())) {
            containers.add(c);
          }
        }
      }
      long sum = 0;
      for (Container c : containers) {
        if (!container.isEmpty() && !container.equals(c.getName())) {
          continue;
        }
        var request =
            c.getResources() == null || c.getResources().getRequests() == null
                ? null
                : c.getResources().getRequests().get(resource);
        if (request == null) {
          return "missing request for "
              + resource
              + " in container "
              + c.getName()
              + " of Pod "
              + pod.getMetadata().getName();
        }
        sum += ApiPodMetricsSource.milli(request);
      }
      out.put(pod.getMetadata().getName(), sum);
    }
    return null;
  }
}
