package io.nauta.server;

import io.nauta.controllers.manager.ControllerManager;
import io.nauta.controllers.nodeipam.NodeIpamController;
import io.nauta.controllers.nodelifecycle.NodeLifecycleController;
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
                    fallback.apply("--disable-servicelb"), "false"))));
  }

  private static Duration pick(Duration flag, String fromFile, Duration dflt) {
    if (flag != null) {
      return flag;
    }
    return fromFile == null ? dflt : GoDurations.parse(fromFile);
  }
}
