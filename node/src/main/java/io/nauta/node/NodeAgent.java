package io.nauta.node;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.cri.CriClient;
import io.nauta.node.machine.Machine;
import io.nauta.node.network.PodDns;
import io.nauta.node.network.PodNetwork;
import io.nauta.node.network.ResolvConf;
import io.nauta.node.pods.PodWorkers;
import io.nauta.node.server.AgentApi;
import io.nauta.node.server.AgentServer;
import io.nauta.node.server.AgentTls;
import io.nauta.node.server.ClientAuthenticator;
import io.nauta.node.stats.StatsCollector;
import io.nauta.node.status.NodeAgentVersion;
import io.nauta.node.status.NodeStatusManager;
import io.nauta.node.status.Readiness;
import io.nauta.node.storage.LocalPathDirectories;
import io.nauta.node.storage.LocalPathStorage;
import java.io.IOException;
import java.net.InetSocketAddress;
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
   * @param maxLocalPathVolumes how many local-path volumes pods here may use at once (the node's
   *     CSINode {@code allocatable.count}); null for no limit
   */
  public record Config(
      String nodeName, String nodeIp, Path dataDir, int agentPort, Integer maxLocalPathVolumes) {
    /** With no limit on local-path volumes. */
    public Config(String nodeName, String nodeIp, Path dataDir, int agentPort) {
      this(nodeName, nodeIp, dataDir, agentPort, null);
    }

    /** With a kubelet's port for the agent's API. */
    public Config(String nodeName, String nodeIp, Path dataDir) {
      this(nodeName, nodeIp, dataDir, NodeAgentVersion.AGENT_PORT);
    }
  }

  /**
   * The node's place in the pod network.
   *
   * @param podCidr the node's pod CIDR when the agent is told it (registered in the Node), or null
   *     to wait for node IPAM to assign one
   * @param clusterCidr all pods' addresses (not masqueraded between pods)
   * @param clusterDns the cluster DNS service's addresses for ClusterFirst pods
   * @param clusterDomain e.g. {@code cluster.local}
   * @param onPodCidr called with the pod CIDR once known, e.g. to write the CNI configuration
   */
  public record Network(
      String podCidr,
      String clusterCidr,
      java.util.List<String> clusterDns,
      String clusterDomain,
      java.util.function.Consumer<String> onPodCidr) {}

  private final NodeStatusManager status;
  private final PodWorkers pods;
  private final AgentServer api;
  private final PodNetwork network;
  private final LocalPathStorage storage;

  private NodeAgent(
      NodeStatusManager status,
      PodWorkers pods,
      AgentServer api,
      PodNetwork network,
      LocalPathStorage storage) {
    this.status = status;
    this.pods = pods;
    this.api = api;
    this.network = network;
    this.storage = storage;
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
    return new NodeAgent(status, null, null, null, null);
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
    return start(client, config, cri, registries, null, null, null, clock);
  }

  /**
   * Starts the agent running pods through {@code cri} and serving its API (logs, exec, attach,
   * port-forward, stats) over HTTPS on {@link Config#agentPort} (0: any free port), reported as the
   * node's kubelet endpoint.
   *
   * @param tls the API's serving certificate and the CAs client certificates must chain to; null
   *     for no API
   * @param callers who may call the API (by default only the API server)
   * @param network the pod network to take part in, or null to leave pods' networking to the
   *     runtime's configuration as it is
   */
  public static NodeAgent start(
      KubernetesClient client,
      Config config,
      CriClient cri,
      io.nauta.node.images.Registries registries,
      AgentTls tls,
      ClientAuthenticator callers,
      Network network,
      Clock clock)
      throws IOException {
    Machine machine = Machine.local(config.dataDir());
    Path logs = config.dataDir().resolve("pods");
    PodWorkers pods = new PodWorkers(client, cri, clock, logs, config.nodeIp(), registries);
    if (network != null) {
      pods.withDns(
          new PodDns(
              network.clusterDns(),
              network.clusterDomain(),
              ResolvConf.read(Path.of("/etc/resolv.conf"))));
    }
    var podNetwork = new java.util.concurrent.atomic.AtomicReference<PodNetwork>();
    AgentServer api = null;
    int port = config.agentPort();
    if (tls != null) {
      var stats = new StatsCollector(config.nodeName(), cri, Path.of("/proc"), clock);
      api =
          new AgentServer(
              new InetSocketAddress(port),
              tls,
              callers,
              new AgentApi(pods::pod, cri, logs, stats, clock));
      try {
        api.start();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while starting the agent's API", e);
      }
      port = api.port();
    }
    NodeStatusManager status =
        new NodeStatusManager(
            client,
            machine,
            config.nodeName(),
            config.nodeIp(),
            port,
            () -> runtimeVersion(cri),
            () -> {
              PodNetwork n = podNetwork.get();
              if (network != null && (n == null || !n.ready())) {
                return Readiness.notReady(
                    "waiting for the node's pod CIDR (spec.podCIDR): node IPAM in the controller"
                        + " manager assigns it, or start the agent with --pod-cidr");
              }
              return readiness(cri);
            },
            clock);
    if (network != null) {
      status.withPodCidr(network.podCidr());
    }
    status.withImages(() -> io.nauta.node.status.NodeImages.of(cri));
    status.withPressure(() -> io.nauta.node.status.Pressure.read(config.dataDir()));
    LocalPathStorage storage;
    try {
      status.start();
      if (network != null) {
        podNetwork.set(
            new PodNetwork(
                client,
                config.nodeName(),
                network.clusterCidr(),
                network.onPodCidr(),
                status::statusChanged));
      }
      pods.start(config.nodeName());
      storage =
          new LocalPathStorage(
              client,
              config.nodeName(),
              new LocalPathDirectories(config.dataDir().resolve("storage"), config.nodeName()),
              config.maxLocalPathVolumes());
    } catch (RuntimeException e) {
      if (podNetwork.get() != null) {
        podNetwork.get().close();
      }
      if (api != null) {
        api.close(); // the port must not stay taken by an agent that did not start
      }
      throw e;
    }
    return new NodeAgent(status, pods, api, podNetwork.get(), storage);
  }

  /** The port of the agent's API, or -1 when it serves none. */
  public int apiPort() {
    return api == null ? -1 : api.port();
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
    if (storage != null) {
      storage.close();
    }
    if (api != null) {
      api.close();
    }
    if (pods != null) {
      pods.close();
    }
    if (network != null) {
      network.close();
    }
    status.close();
  }
}
