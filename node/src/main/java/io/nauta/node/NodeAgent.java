package io.nauta.node;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.cri.CriClient;
import io.nauta.node.machine.Machine;
import io.nauta.node.pods.PodWorkers;
import io.nauta.node.status.NodeStatusManager;
import io.nauta.node.status.Readiness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * A node agent for this machine: registers it as the Node {@link Config#nodeName} with its real
 * capacity, heartbeats and reports status through the API (as a remote agent would, also when it
 * runs inside {@code nauta server}). The node is Ready only while {@code readiness} says so.
 */
public final class NodeAgent implements AutoCloseable {
  /**
   * @param nodeName the Node's name (by default the host name)
   * @param nodeIp the address other nodes reach this one at (its InternalIP)
   * @param dataDir where the agent keeps its state
   */
  public record Config(String nodeName, String nodeIp, Path dataDir) {}

  private final NodeStatusManager status;
  private final PodWorkers pods;

  private NodeAgent(NodeStatusManager status, PodWorkers pods) {
    this.status = status;
    this.pods = pods;
  }

  /**
   * Starts the agent against the API server of {@code client}.
   *
   * @param runtimeVersion the container runtime's version, e.g. {@code containerd://1.6.20}
   * @param readiness whether pods can run here now
   */
  public static NodeAgent start(
      KubernetesClient client,
      Config config,
      Supplier<String> runtimeVersion,
      Supplier<Readiness> readiness,
      Clock clock)
      throws IOException {
    Machine machine = Machine.local(config.dataDir());
    NodeStatusManager status =
        new NodeStatusManager(
            client, machine, config.nodeName(), config.nodeIp(), runtimeVersion, readiness, clock);
    status.start();
    return new NodeAgent(status, null);
  }

  /**
   * Starts the agent running pods through the container runtime {@code cri}; the node is Ready
   * while the runtime answers.
   *
   * @param registries how to reach registries (loopback ones over plain HTTP) and node credentials
   */
  public static NodeAgent start(
      KubernetesClient client,
      Config config,
      CriClient cri,
      io.nauta.node.images.Registries registries,
      Clock clock)
      throws IOException {
    Machine machine = Machine.local(config.dataDir());
    NodeStatusManager status =
        new NodeStatusManager(
            client,
            machine,
            config.nodeName(),
            config.nodeIp(),
            () -> runtimeVersion(cri),
            () -> readiness(cri),
            clock);
    status.withImages(() -> io.nauta.node.status.NodeImages.of(cri));
    status.withPressure(() -> io.nauta.node.status.Pressure.read(config.dataDir()));
    status.start();
    PodWorkers pods =
        new PodWorkers(
            client, cri, clock, config.dataDir().resolve("pods"), config.nodeIp(), registries);
    pods.start(config.nodeName());
    return new NodeAgent(status, pods);
  }

  private static String runtimeVersion(CriClient cri) {
    try {
      var v = cri.version(java.time.Duration.ofSeconds(2));
      return v.getRuntimeName() + "://" + v.getRuntimeVersion();
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  private static Readiness readiness(CriClient cri) {
    try {
      cri.version(java.time.Duration.ofSeconds(2));
      return Readiness.READY;
    } catch (RuntimeException e) {
      return Readiness.notReady("container runtime is down: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (pods != null) {
      pods.close();
    }
    status.close();
  }
}
