package io.nauta.server;

import io.nauta.controllers.manager.ControllerManager;
import io.nauta.controllers.nodeipam.NodeIpamController;
import io.nauta.controllers.nodelifecycle.NodeLifecycleController;
import io.nauta.controllers.podautoscaler.HorizontalPodAutoscalerController;
import io.nauta.controllers.podgc.PodGcController;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The controller manager's tuning flags, shared by {@code server} and {@code controller-manager}.
 */
final class ControllerFlags {
  @Option(
      names = "--node-monitor-grace-period",
      converter = GoDurations.class,
      description =
          "How long a node may go without heartbeats before it is marked Ready=Unknown and"
              + " tainted unreachable (default: 40s).")
  Duration nodeMonitorGracePeriod;

  @Option(
      names = "--node-monitor-period",
      converter = GoDurations.class,
      description = "How often node heartbeats are checked (default: 5s).")
  Duration nodeMonitorPeriod;

  @Option(
      names = "--terminated-pod-gc-threshold",
      description =
          "Finished pods kept before the oldest are deleted; 0 keeps all (default: 12500).")
  Integer terminatedPodGcThreshold;

  @Option(
      names = "--pod-gc-period",
      hidden = true,
      converter = GoDurations.class,
      description = "How often pods are garbage collected (default: 20s; tests).")
  Duration podGcPeriod;

  @Option(
      names = "--disable-servicelb",
      description =
          "Leave LoadBalancer services pending instead of making the nodes their load balancer.")
  Boolean disableServiceLb;

  @Option(
      names = "--horizontal-pod-autoscaler-sync-period",
      converter = GoDurations.class,
      description = "How often each HorizontalPodAutoscaler is synced (default: 15s).")
  Duration hpaSyncPeriod;

  @Option(
      names = "--horizontal-pod-autoscaler-downscale-stabilization",
      converter = GoDurations.class,
      description =
          "How far back the autoscaler looks for higher recommendations before scaling down, when"
              + " a HorizontalPodAutoscaler's behavior does not say (default: 5m0s).")
  Duration hpaDownscaleStabilization;

  @Option(
      names = "--horizontal-pod-autoscaler-tolerance",
      description =
          "How far the ratio of a metric to its target may be from 1 before the autoscaler acts"
              + " (default: 0.1).")
  Double hpaTolerance;

  @Option(
      names = "--horizontal-pod-autoscaler-cpu-initialization-period",
      converter = GoDurations.class,
      description = "How long after a pod starts its CPU samples may be skipped (default: 5m0s).")
  Duration hpaCpuInitializationPeriod;

  @Option(
      names = "--horizontal-pod-autoscaler-initial-readiness-delay",
      converter = GoDurations.class,
      description =
          "How long after a pod starts a readiness change still counts as its first (default:"
              + " 30s).")
  Duration hpaInitialReadinessDelay;

  /**
   * The configuration, with pod CIDRs from {@code clusterCidr} and {@code fallback(flag)} giving a
   * flag's value when not on the line.
   */
  ControllerManager.Config config(
      java.util.function.Function<String, String> fallback, String clusterCidr) {
    NodeLifecycleController.Config d = NodeLifecycleController.Config.DEFAULTS;
    PodGcController.Config gc = PodGcController.Config.DEFAULTS;
    return new ControllerManager.Config(
        new NodeLifecycleController.Config(
            pick(
                nodeMonitorGracePeriod,
                fallback.apply("--node-monitor-grace-period"),
                d.gracePeriod()),
            pick(nodeMonitorPeriod, fallback.apply("--node-monitor-period"), d.monitorPeriod())),
        new PodGcController.Config(
            terminatedPodGcThreshold != null
                ? terminatedPodGcThreshold
                : Integer.parseInt(
                    java.util.Objects.requireNonNullElse(
                        fallback.apply("--terminated-pod-gc-threshold"),
                        String.valueOf(gc.terminatedThreshold()))),
            pick(podGcPeriod, fallback.apply("--pod-gc-period"), gc.period())),
        new NodeIpamController.Config(
            clusterCidr, NodeIpamController.Config.DEFAULTS.nodeMaskSize()),
        !(disableServiceLb != null
            ? disableServiceLb
            : Boolean.parseBoolean(
                java.util.Objects.requireNonNullElse(
                    fallback.apply("--disable-servicelb"), "false"))),
        podAutoscaler(fallback));
  }

  private HorizontalPodAutoscalerController.Config podAutoscaler(
      java.util.function.Function<String, String> fallback) {
    HorizontalPodAutoscalerController.Config d = HorizontalPodAutoscalerController.Config.DEFAULTS;
    String tolerance = fallback.apply("--horizontal-pod-autoscaler-tolerance");
    return new HorizontalPodAutoscalerController.Config(
        pick(
            hpaSyncPeriod,
            fallback.apply("--horizontal-pod-autoscaler-sync-period"),
            d.syncPeriod()),
        pick(
            hpaDownscaleStabilization,
            fallback.apply("--horizontal-pod-autoscaler-downscale-stabilization"),
            d.downscaleStabilization()),
        hpaTolerance != null
            ? hpaTolerance
            : tolerance == null ? d.tolerance() : Double.parseDouble(tolerance),
        pick(
            hpaCpuInitializationPeriod,
            fallback.apply("--horizontal-pod-autoscaler-cpu-initialization-period"),
            d.cpuInitializationPeriod()),
        pick(
            hpaInitialReadinessDelay,
            fallback.apply("--horizontal-pod-autoscaler-initial-readiness-delay"),
            d.initialReadinessDelay()));
  }

  private static Duration pick(Duration flag, String fromFile, Duration dflt) {
    if (flag != null) {
      return flag;
    }
    return fromFile == null ? dflt : GoDurations.parse(fromFile);
  }
}
