package io.nauta.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.api.labels.LabelSelector;
import io.nauta.client.events.EventRecorder;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Syncs each HorizontalPodAutoscaler when it is created or its spec changes, then every sync
 * period: reads the target's scale, computes the desired replicas from the metrics ({@link
 * MetricReplicas}), normalizes them ({@link Normalization}), writes the scale if it changes, and
 * updates the status when it differs. Recommendations and scale events live in memory per
 * autoscaler, as in Kubernetes (a new leader starts afresh).
 */
public final class HorizontalPodAutoscalerController extends Controller {
  /**
   * The controller's tuning, Kubernetes' {@code --horizontal-pod-autoscaler-*} flags.
   *
   * @param syncPeriod how often each autoscaler is synced (15 s)
   * @param downscaleStabilization the scale-down stabilization window when a behavior does not set
   *     one (5 min)
   * @param tolerance how far the metric ratio may be from 1 with no change (0.1)
   * @param cpuInitializationPeriod how long after start a pod's CPU samples are doubted (5 min)
   * @param initialReadinessDelay how long after start readiness may still flip (30 s)
   */
  public record Config(
      Duration syncPeriod,
      Duration downscaleStabilization,
      double tolerance,
      Duration cpuInitializationPeriod,
      Duration initialReadinessDelay) {
    public static final Config DEFAULTS =
        new Config(
            Duration.ofSeconds(15),
            Duration.ofMinutes(5),
            0.1,
            Duration.ofMinutes(5),
            Duration.ofSeconds(30));
  }

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Clock clock;
  private final Config config;
  private final ScaleTargets targets;
  private final MetricReplicas metricReplicas;
  private final Map<String, ScalingHistory> histories = new ConcurrentHashMap<>();
  private final Set<String> resyncs = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("horizontal-pod-autoscaler-resync").daemon().factory());

  public HorizontalPodAutoscalerController(
      KubernetesClient client,
      Informers informers,
      EventRecorder events,
      Clock clock,
      Config config,
      PodMetricsSource metrics) {
    super("horizontal-pod-autoscaler", 2);
    this.client = client;
    this.informers = informers;
    this.events = events.as("horizontal-pod-autoscaler");
    this.clock = clock;
    this.config = config;
    this.targets = new ScaleTargets(client);
    this.metricReplicas =
        new MetricReplicas(
            new ResourceMetricsClient(metrics),
            new ReplicaCalculator(
                new ReplicaCalculator.Config(
                    config.tolerance(),
                    config.cpuInitializationPeriod(),
                    config.initialReadinessDelay())));
    informers.of(Pod.class);
    informers
        .of(HorizontalPodAutoscaler.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(HorizontalPodAutoscaler hpa) {
                enqueue(hpa);
              }

              @Override
              public void onUpdate(HorizontalPodAutoscaler old, HorizontalPodAutoscaler hpa) {
                // status writes (ours) wait for the next period; spec changes act now
                if (!Objects.equals(
                    old.getMetadata().getGeneration(), hpa.getMetadata().getGeneration())) {
                  enqueue(hpa);
                }
              }

              @Override
              public void onDelete(HorizontalPodAutoscaler hpa, boolean unknown) {
                histories.remove(key(hpa));
              }
            });
  }

  @Override
  protected void sync(String key) {
    HorizontalPodAutoscaler cached = informers.get(HorizontalPodAutoscaler.class, key);
    if (cached == null) {
      histories.remove(key);
      return;
    }
    try {
      reconcile(key, client.getKubernetesSerialization().clone(cached));
    } finally {
      resyncLater(key);
    }
  }

  /** Queues {@code key} one sync period from now, unless it already waits for its period. */
  private void resyncLater(String key) {
    if (resyncs.add(key)) {
      timer.schedule(
          () -> {
            resyncs.remove(key);
            enqueue(key);
          },
          config.syncPeriod().toNanos(),
          TimeUnit.NANOSECONDS);
    }
  }

  private void reconcile(String key, HorizontalPodAutoscaler hpa) {
    Instant now = clock.instant();
    if (hpa.getStatus() == null) {
      hpa.setStatus(new HorizontalPodAutoscalerStatus());
    }
    HorizontalPodAutoscalerStatus original =
        client.getKubernetesSerialization().clone(hpa.getStatus());
    var spec = hpa.getSpec();
    var ref = spec.getScaleTargetRef();
    String ns = hpa.getMetadata().getNamespace();
    Scale scale;
    try {
      scale = targets.get(ns, ref);
    } catch (KubernetesClientException e) {
      String msg = message(e);
      events.warning(hpa, "FailedGetScale", msg);
      Conditions.set(
          hpa,
          "AbleToScale",
          false,
          "FailedGetScale",
          "the HPA controller was unable to get the target's current scale: " + msg,
          now);
      updateStatusIfNeeded(original, hpa);
      return;
    }
    Conditions.set(
        hpa,
        "AbleToScale",
        true,
        "SucceededGetScale",
        "the HPA controller was able to get the target's current scale",
        now);
    int current =
        scale.getSpec() == null || scale.getSpec().getReplicas() == null
            ? 0
            : scale.getSpec().getReplicas();
    ScalingHistory history = histories.computeIfAbsent(key, k -> new ScalingHistory());
    history.recordInitial(current, now);
    int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
    int max = spec.getMaxReplicas() == null ? 0 : spec.getMaxReplicas();
    List<MetricStatus> statuses = null;
    int desired = 0;
    String reason = "";
    boolean rescale = true;
    if (current == 0 && min != 0) {
      rescale = false;
      Conditions.set(
          hpa,
          "ScalingActive",
          false,
          "ScalingDisabled",
          "scaling is disabled since the replica count of the target is zero",
          now);
    } else if (current > max) {
      reason = "Current number of replicas above Spec.MaxReplicas";
      desired = max;
    } else if (current < min) {
      reason = "Current number of replicas below Spec.MinReplicas";
      desired = min;
    } else {
      MetricReplicas.Outcome outcome = metrics(hpa, scale, current, now);
      statuses = outcome.statuses().isEmpty() ? null : outcome.statuses();
      if (outcome.replicas() < 0) {
        setCurrent(hpa, current, statuses);
        updateStatusIfNeeded(original, hpa);
        events.warning(hpa, "FailedComputeMetricsReplicas", outcome.error());
        return;
      }
      desired = outcome.replicas();
      if (desired > current) {
        reason = outcome.metric() + " above target";
      } else if (desired < current) {
        reason = "All metrics below target";
      }
      Normalization.Result normalized =
          spec.getBehavior() == null
              ? Normalization.withoutBehavior(
                  history, now, config.downscaleStabilization(), current, desired, min, max)
              : Normalization.withBehavior(
                  history,
                  now,
                  ScalingRules.up(spec.getBehavior().getScaleUp()),
                  ScalingRules.down(
                      spec.getBehavior().getScaleDown(), config.downscaleStabilization()),
                  current,
                  desired,
                  min,
                  max);
      Conditions.set(hpa, normalized.ableToScale(), now);
      Conditions.set(hpa, normalized.scalingLimited(), now);
      desired = normalized.replicas();
      rescale = desired != current;
    }
    if (rescale) {
      scale.getSpec().setReplicas(desired);
      try {
        targets.update(ns, ref, scale);
      } catch (KubernetesClientException e) {
        String msg = message(e);
        events.warning(
            hpa,
            "FailedRescale",
            "New size: " + desired + "; reason: " + reason + "; error: " + msg);
        Conditions.set(
            hpa,
            "AbleToScale",
            false,
            "FailedUpdateScale",
            "the HPA controller was unable to update the target scale: " + msg,
            now);
        setCurrent(hpa, current, statuses);
        updateStatusIfNeeded(original, hpa);
        return;
      }
      Conditions.set(
          hpa,
          "AbleToScale",
          true,
          "SucceededRescale",
          "the HPA controller was able to update the target scale to " + desired,
          now);
      events.normal(hpa, "SuccessfulRescale", "New size: " + desired + "; reason: " + reason);
      if (spec.getBehavior() != null) {
        ScalingRules rules =
            desired > current
                ? ScalingRules.up(spec.getBehavior().getScaleUp())
                : ScalingRules.down(
                    spec.getBehavior().getScaleDown(), config.downscaleStabilization());
        history.recordScale(current, desired, rules.longestPeriod(), now);
      }
      hpa.getStatus().setLastScaleTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
    } else {
      desired = current;
    }
    setCurrent(hpa, current, statuses);
    hpa.getStatus().setDesiredReplicas(desired);
    updateStatusIfNeeded(original, hpa);
  }

  /** The metrics' proposal, after checking the target's selector. */
  private MetricReplicas.Outcome metrics(
      HorizontalPodAutoscaler hpa, Scale scale, int current, Instant now) {
    String selector = scale.getStatus() == null ? null : scale.getStatus().getSelector();
    String ns = hpa.getMetadata().getNamespace();
    LabelSelector parsed = null;
    String problem = null;
    if (selector == null || selector.isEmpty()) {
      events.warning(hpa, "SelectorRequired", "selector is required");
      problem = "the HPA target's scale is missing a selector";
    } else {
      try {
        parsed = LabelSelector.parse(selector);
      } catch (RuntimeException e) {
        events.warning(
            hpa,
            "InvalidSelector",
            "couldn't convert selector into a corresponding internal selector object: "
                + e.getMessage());
        problem = "the HPA target's scale has an invalid selector: " + e.getMessage();
      }
    }
    if (problem != null) {
      Normalization.Condition c =
          new Normalization.Condition("ScalingActive", false, "InvalidSelector", problem);
      Conditions.set(hpa, c, now);
      return new MetricReplicas.Outcome(-1, "", List.of(), problem, c, List.of());
    }
    LabelSelector sel = parsed;
    List<Pod> pods =
        informers.list(Pod.class, ns).stream().filter(p -> sel.matches(labels(p))).toList();
    MetricReplicas.Outcome outcome =
        metricReplicas.compute(
            hpa.getSpec().getMetrics() == null ? List.of() : hpa.getSpec().getMetrics(),
            ns,
            selector,
            current,
            pods,
            now);
    outcome.warnings().forEach(w -> events.warning(hpa, w.reason(), w.message()));
    Conditions.set(hpa, outcome.scalingActive(), now);
    return outcome;
  }

  private static Map<String, String> labels(Pod p) {
    return p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
  }

  private static void setCurrent(
      HorizontalPodAutoscaler hpa, int current, List<MetricStatus> statuses) {
    hpa.getStatus().setCurrentReplicas(current);
    hpa.getStatus().setCurrentMetrics(statuses);
    hpa.getStatus().setObservedGeneration(hpa.getMetadata().getGeneration());
  }

  private void updateStatusIfNeeded(
      HorizontalPodAutoscalerStatus original, HorizontalPodAutoscaler hpa) {
    if (Objects.equals(original, hpa.getStatus())) {
      return;
    }
    client
        .autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace(hpa.getMetadata().getNamespace())
        .resource(hpa)
        .updateStatus();
  }

  /** The API server's message, without the client's request details. */
  private static String message(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : e.getMessage();
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    super.close();
  }
}
