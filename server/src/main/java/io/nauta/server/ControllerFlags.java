package io.nauta.server;

import io.nauta.controllers.manager.ControllerManager;
import io.nauta.controllers.nodelifecycle.NodeLifecycleController;
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

  /** The configuration, with {@code fallback(flag)} giving a flag's value when not on the line. */
  ControllerManager.Config config(java.util.function.Function<String, String> fallback) {
    NodeLifecycleController.Config d = NodeLifecycleController.Config.DEFAULTS;
    return new ControllerManager.Config(
        new NodeLifecycleController.Config(
            pick(
                nodeMonitorGracePeriod,
                fallback.apply("--node-monitor-grace-period"),
                d.gracePeriod()),
            pick(nodeMonitorPeriod, fallback.apply("--node-monitor-period"), d.monitorPeriod())));
  }

  private static Duration pick(Duration flag, String fromFile, Duration dflt) {
    if (flag != null) {
      return flag;
    }
    return fromFile == null ? dflt : GoDurations.parse(fromFile);
  }
}
