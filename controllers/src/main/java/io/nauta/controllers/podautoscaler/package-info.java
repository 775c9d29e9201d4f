/**
 * The horizontal pod autoscaler (autoscaling/v2): every sync period, for each
 * HorizontalPodAutoscaler, reads its target's {@code /scale}, the pods its selector selects and
 * their metrics from the resource metrics API ({@code metrics.k8s.io/v1beta1} PodMetrics), computes
 * the desired replicas with Kubernetes' algorithm (ratio to target, 10% tolerance, missing and
 * unready pods treated conservatively, the largest proposal of several metrics), stabilizes and
 * rate-limits it ({@code behavior}, or the legacy limits without one), keeps it within min/max
 * replicas, writes it to the target's {@code /scale}, and reports status, the conditions
 * AbleToScale, ScalingActive and ScalingLimited and events as Kubernetes does. Pods, Object and
 * External metrics need a custom or external metrics API, which Nauta does not serve: they are
 * answered with ScalingActive=False and Kubernetes' reasons.
 *
 * <p>Vocabulary follows Kubernetes' {@code pkg/controller/podautoscaler}: {@link
 * io.nauta.controllers.podautoscaler.ReplicaCalculator} (replicas from metrics), {@link
 * io.nauta.controllers.podautoscaler.ResourceMetricsClient} (pod metrics per resource), {@link
 * io.nauta.controllers.podautoscaler.Normalization} (stabilization and rate limits over a {@link
 * io.nauta.controllers.podautoscaler.ScalingHistory}).
 */
package io.nauta.controllers.podautoscaler;
