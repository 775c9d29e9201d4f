package io.nauta.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ContainerResourceMetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricStatus;
import io.nauta.api.quantity.Format;
import io.nauta.api.quantity.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' {@code computeReplicasForMetrics}: a replica proposal from each metric of an
 * autoscaler, the largest winning. Metrics that fail are reported (a warning each, and the first
 * one's ScalingActive=False condition); if all fail, or some fail and the others would scale down,
 * there is no proposal.
 */
final class MetricReplicas {
  /** A warning event to record about the autoscaler. */
  record Warning(String reason, String message) {}

  /**
   * The outcome over all metrics.
   *
   * @param replicas the proposal, or -1 if there is none
   * @param metric what proposed it, e.g. {@code cpu resource utilization (percentage of request)}
   * @param statuses each metric's current value, in spec order (empty entries for failures)
   * @param error the first failure, wrapped as Kubernetes words it, or empty
   * @param scalingActive the ScalingActive condition to set
   */
  record Outcome(
      int replicas,
      String metric,
      List<MetricStatus> statuses,
      String error,
      Normalization.Condition scalingActive,
      List<Warning> warnings) {}

  /** One metric's proposal, or a failure with its ScalingActive reason. */
  private record Proposal(
      int replicas, String metric, MetricStatus status, String failureReason, String error) {
    static Proposal failed(String reason, String error) {
      return new Proposal(0, "", null, reason, error);
    }
  }

  private final ResourceMetricsClient metrics;
  private final ReplicaCalculator calculator;

  MetricReplicas(ResourceMetricsClient metrics, ReplicaCalculator calculator) {
    this.metrics = metrics;
    this.calculator = calculator;
  }

  Outcome compute(
      List<MetricSpec> specs,
      String namespace,
      String selector,
      int specReplicas,
      List<Pod> pods,
      Instant now) {
    List<MetricStatus> statuses = new ArrayList<>();
    List<Warning> warnings = new ArrayList<>();
    int replicas = 0;
    String metric = "";
    int invalid = 0;
    Proposal firstInvalid = null;
    MetricSpec firstInvalidSpec = null;
    for (MetricSpec spec : specs) {
      Proposal p = compute(spec, namespace, selector, specReplicas, pods, now);
      if (p.failureReason() != null) {
        // Kubernetes leaves a failed metric's entry empty, keeping the others at their index
        MetricStatus empty = new MetricStatus();
        empty.setType("");
        statuses.add(empty);
        warnings.add(new Warning(p.failureReason(), p.error()));
        if (invalid == 0) {
          firstInvalid = p;
          firstInvalidSpec = spec;
        }
        invalid++;
        continue;
      }
      statuses.add(p.status());
      if (replicas == 0 || p.replicas() > replicas) {
        replicas = p.replicas();
        metric = p.metric();
      }
    }
    String error = "";
    if (firstInvalid != null) {
      error =
          "invalid metrics ("
              + invalid
              + " invalid out of "
              + specs.size()
              + "), first error is: "
              + wrapped(firstInvalidSpec, firstInvalid.error());
    }
    if (invalid >= specs.size() || (invalid > 0 && replicas < specReplicas)) {
      Normalization.Condition c =
          new Normalization.Condition(
              "ScalingActive",
              false,
              firstInvalid == null ? "InvalidMetricSourceType" : firstInvalid.failureReason(),
              "the HPA was unable to compute the replica count: "
                  + (firstInvalid == null ? "no metrics" : firstInvalid.error()));
      return new Outcome(-1, "", statuses, error, c, warnings);
    }
    Normalization.Condition active =
        new Normalization.Condition(
            "ScalingActive",
            true,
            "ValidMetricFound",
            "the HPA was able to successfully calculate a replica count from " + metric);
    return new Outcome(replicas, metric, statuses, error, active, warnings);
  }

  /** How Kubernetes wraps a metric's error in the FailedComputeMetricsReplicas event. */
  private static String wrapped(MetricSpec spec, String error) {
    return switch (String.valueOf(spec.getType())) {
      case "Resource" ->
          "failed to get " + spec.getResource().getName() + " resource metric value: " + error;
      case "ContainerResource" ->
          "failed to get "
              + spec.getContainerResource().getName()
              + " container metric value: "
              + error;
      case "Pods" -> "failed to get pods metric value: " + error;
      case "Object" -> "failed to get object metric value: " + error;
      case "External" -> "failed to get external metric value: " + error;
      default -> error;
    };
  }

  private Proposal compute(
      MetricSpec spec,
      String namespace,
      String selector,
      int specReplicas,
      List<Pod> pods,
      Instant now) {
    String type = String.valueOf(spec.getType());
    switch (type) {
      case "Resource" -> {
        String name = spec.getResource().getName();
        return resource(
            type,
            name,
            "",
            spec.getResource().getTarget(),
            namespace,
            selector,
            specReplicas,
            pods,
            now);
      }
      case "ContainerResource" -> {
        var source = spec.getContainerResource();
        return resource(
            type,
            source.getName(),
            source.getContainer(),
            source.getTarget(),
            namespace,
            selector,
            specReplicas,
            pods,
            now);
      }
      case "Pods" -> {
        return Proposal.failed(
            "FailedGetPodsMetric",
            "unable to get metric "
                + spec.getPods().getMetric().getName()
                + ": unable to fetch metrics from custom metrics API: no custom metrics API"
                + " (custom.metrics.k8s.io) registered");
      }
      case "Object" -> {
        var source = spec.getObject();
        return Proposal.failed(
            "FailedGetObjectMetric",
            "unable to get metric "
                + source.getMetric().getName()
                + ": "
                + source.getDescribedObject().getKind()
                + " on "
                + namespace
                + " "
                + source.getDescribedObject().getName()
                + "/unable to fetch metrics from custom metrics API: no custom metrics API"
                + " (custom.metrics.k8s.io) registered");
      }
      case "External" -> {
        return Proposal.failed(
            "FailedGetExternalMetric",
            "unable to get external metric "
                + namespace
                + "/"
                + spec.getExternal().getMetric().getName()
                + ": unable to fetch metrics from external metrics API: no external metrics API"
                + " (external.metrics.k8s.io) registered");
      }
      default -> {
        return Proposal.failed(
            "InvalidMetricSourceType", "unknown metric source type \"" + type + "\"");
      }
    }
  }

  private Proposal resource(
      String type,
      String resource,
      String container,
      MetricTarget target,
      String namespace,
      String selector,
      int specReplicas,
      List<Pod> pods,
      Instant now) {
    String reason =
        type.equals("Resource") ? "FailedGetResourceMetric" : "FailedGetContainerResourceMetric";
    boolean average = target != null && target.getAverageValue() != null;
    if (!average && (target == null || target.getAverageUtilization() == null)) {
      return Proposal.failed(
          reason,
          "invalid resource metric source: neither an average utilization target nor an average"
              + " value (usage) target was set");
    }
    String what = average ? " usage: " : " utilization: ";
    ResourceMetricsClient.Fetch fetch =
        metrics.resourceMetric(resource, namespace, selector, container);
    if (fetch instanceof ResourceMetricsClient.Fetch.Failure f) {
      return Proposal.failed(
          reason,
          "failed to get "
              + resource
              + what
              + "unable to get metrics for resource "
              + resource
              + ": "
              + f.message());
    }
    var info = ((ResourceMetricsClient.Fetch.Metrics) fetch).info();
    ReplicaCalculator.Calculation calc =
        average
            ? calculator.averageValue(
                specReplicas,
                ApiPodMetricsSource.milli(target.getAverageValue()),
                resource,
                container,
                pods,
                info,
                now)
            : calculator.utilization(
                specReplicas, target.getAverageUtilization(), resource, container, pods, info, now);
    if (calc instanceof ReplicaCalculator.Calculation.Failure f) {
      return Proposal.failed(reason, "failed to get " + resource + what + f.message());
    }
    var r = (ReplicaCalculator.Calculation.Replicas) calc;
    MetricValueStatus current = new MetricValueStatus();
    current.setAverageValue(
        new io.fabric8.kubernetes.api.model.Quantity(
            Quantity.ofMilli(r.averageValue(), Format.DECIMAL_SI).toString()));
    String metric;
    if (average) {
      metric = resource + " resource";
    } else {
      current.setAverageUtilization(r.utilization());
      metric =
          resource
              + (type.equals("Resource") ? " resource" : " container resource")
              + " utilization (percentage of request)";
    }
    MetricStatus status = new MetricStatus();
    status.setType(type);
    if (type.equals("Resource")) {
      status.setResource(new ResourceMetricStatus(current, resource));
    } else {
      status.setContainerResource(new ContainerResourceMetricStatus(container, current, resource));
    }
    return new Proposal(r.replicas(), metric, status, null, null);
  }
}
