package io.nauta.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.cri.Containerd;
import io.nauta.cri.ContainerdConfig;
import io.nauta.cri.ContainerdFiles;
import io.nauta.cri.RegistryConfig;
import io.nauta.cri.testing.TestImages;
import io.nauta.node.NodeAgent;
import io.nauta.node.loadbalancer.LoadBalancer;
import io.nauta.node.loadbalancer.ServerAddress;
import io.nauta.node.loadbalancer.ServerDiscovery;
import io.nauta.node.proxy.ServiceProxy;
import io.nauta.node.server.AgentTls;
import io.nauta.node.server.ClientAuthenticator;
import io.nauta.node.status.Readiness;
import java.io.ByteArrayInputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Starts a node agent for this machine with its container runtime, the same way for {@code nauta
 * agent} and for the agent inside {@code nauta server}; closing the result stops the agent, then
 * the containerd it started, leaving the pods' containers running for the next start to adopt
 * (unless {@code --stop-pods-on-exit}).
 */
final class AgentRunner implements AutoCloseable {
  /** When the runtime is {@code none}, the node says why it takes no pods. */
  static final String NO_RUNTIME = "no container runtime is configured on this node";

  /** How long a new API connection waits for one server before trying the next. */
  static final Duration DIAL_TIMEOUT = Duration.ofSeconds(3);

  /** How often the agent reads the API servers from the kubernetes Service's Endpoints. */
  static final Duration DISCOVERY_PERIOD = Duration.ofSeconds(15);

  private final String nodeName;
  private final String nodeIp;
  private final List<AutoCloseable> parts;

  private AgentRunner(String nodeName, String nodeIp, List<AutoCloseable> parts) {
    this.nodeName = nodeName;
    this.nodeIp = nodeIp;
    this.parts = parts;
  }

  /** Starts the agent on {@code dataDir} as a client of the API server in {@code kubeconfig}. */
  static AgentRunner start(
      AgentFlags flags, NetworkFlags.Cluster network, Path kubeconfig, Path dataDir)
      throws Exception {
    return start(flags, network, kubeconfig, dataDir, List.of());
  }

  /**
   * Starts the agent on {@code dataDir} with the credentials of {@code kubeconfig}; when {@code
   * servers} is not empty, its API clients go through a load balancer on loopback to the first of
   * them that answers (and to those learned from the {@code default/kubernetes} Endpoints), else
   * straight to the kubeconfig's server.
   */
  static AgentRunner start(
      AgentFlags flags,
      NetworkFlags.Cluster network,
      Path kubeconfig,
      Path dataDir,
      List<ServerAddress> servers)
      throws Exception {
    String name = flags.nodeName != null ? flags.nodeName : hostName();
    String ip = flags.nodeIp != null ? flags.nodeIp : firstAddress();
    NodeAgent.Config config =
        new NodeAgent.Config(name, ip, dataDir, flags.agentPort, flags.maxLocalPathVolumes);
    List<AutoCloseable> parts = new ArrayList<>();
    KubernetesClient client;
    if (servers.isEmpty()) {
      client = Components.client(kubeconfig, "nauta-agent");
      parts.add(client);
    } else {
      LoadBalancer balancer = LoadBalancer.start(servers, DIAL_TIMEOUT);
      try {
        client = Components.client(kubeconfig, "nauta-agent", balancer.url());
      } catch (Exception | Error e) {
        balancer.close();
        throw e;
      }
      // closed in this order: discovery, the client, then the balancer it talks through
      parts.add(ServerDiscovery.start(client, balancer, DISCOVERY_PERIOD));
      parts.add(client);
      parts.add(balancer);
    }
    try {
      if (flags.containerRuntime.equals("none")) {
        parts.add(
            0,
            NodeAgent.start(
                client,
                config,
                () -> "none",
                () -> Readiness.notReady(NO_RUNTIME),
                Clock.systemUTC()));
      } else {
        RegistryConfig registries =
            flags.registryConfig == null
                ? RegistryConfig.NONE
                : RegistryConfigFile.load(flags.registryConfig);
        Containerd containerd = containerd(flags, dataDir);
        containerd.config().ifPresent(c -> ContainerdFiles.writeRegistries(c, registries));
        boolean stopPods = flags.stopPodsOnExit;
        parts.add(
            0,
            () -> {
              if (stopPods) {
                containerd.close();
              } else {
                containerd.detach();
              }
            });
        parts.add(
            0,
            NodeAgent.start(
                client,
                config,
                containerd.client(),
                new NodeRegistries(containerd, registries),
                AgentTls.selfSigned(name, List.of(ip), clusterCas(client)),
                ClientAuthenticator.commonNames(ClientAuthenticator.API_SERVER_CLIENT),
                new NodeAgent.Network(
                    flags.podCidr,
                    network.clusterCidr(),
                    network.clusterDns(),
                    network.clusterDomain(),
                    cidr ->
                        containerd
                            .config()
                            .ifPresent(c -> ContainerdFiles.writeCni(c.withPodCidr(cidr)))),
                Clock.systemUTC()));
        if (!flags.disableProxy) {
          // closed before the agent and the client its informers use
          parts.add(
              0,
              ServiceProxy.start(
                  client, new ServiceProxy.Config(name, network.clusterCidr()), Clock.systemUTC()));
        }
      }
    } catch (Exception | Error e) {
      closeAll(parts);
      throw e;
    }
    return new AgentRunner(name, ip, parts);
  }

  /**
   * Why this machine cannot run containers with {@code flags} (not root, containerd or runc not
   * installed), or empty when it can.
   */
  static Optional<String> cannotRunContainers(AgentFlags flags) {
    if (flags.containerRuntime.equals("none") || flags.containerdSocket != null) {
      return Optional.empty();
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("running containers needs root");
    }
    for (String binary : List.of("containerd", "runc")) {
      if (!onPath(binary)) {
        return Optional.of(
            binary + " is not installed (scripts/install-deps.sh installs what Nauta needs)");
      }
    }
    return Optional.empty();
  }

  String nodeName() {
    return nodeName;
  }

  String nodeIp() {
    return nodeIp;
  }

  @Override
  public void close() {
    closeAll(parts);
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (AutoCloseable p : parts) {
      try {
        p.close();
      } catch (Exception e) {
        System.err.println("nauta: while stopping the node agent: " + Main.describe(e));
      }
    }
  }

  /** The containerd to use: the given socket's, or our own with the sandbox image imported. */
  private static Containerd containerd(AgentFlags flags, Path dir) throws Exception {
    if (flags.containerdSocket != null) {
      return Containerd.existing(flags.containerdSocket);
    }
    ContainerdConfig config =
        ContainerdConfig.defaults(dir.resolve("containerd"))
            .withPodCidr(flags.podCidr)
            .withBridgeName(flags.bridgeName);
    Containerd containerd = Containerd.start(config);
    try {
      if (containerd.client().imageStatus(config.sandboxImage()).isEmpty()) {
        // no internet: the sandbox ("pause") image is built here from busybox-static
        TestImages.build(dir.resolve("images"), config.socket(), null);
      }
    } catch (Exception | Error e) {
      containerd.close();
      throw e;
    }
    return containerd;
  }

  /**
   * The CAs of the kubeconfig's cluster: the agent's API trusts client certificates they issued.
   */
  static List<X509Certificate> clusterCas(KubernetesClient client) throws Exception {
    var config = client.getConfiguration();
    byte[] pem;
    if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
      pem = Base64.getDecoder().decode(config.getCaCertData().trim());
    } else if (config.getCaCertFile() != null) {
      pem = Files.readAllBytes(Path.of(config.getCaCertFile()));
    } else {
      throw new IllegalStateException(
          "the kubeconfig names no certificate authority; the agent's API needs one to check"
              + " the API server's client certificate");
    }
    List<X509Certificate> cas = new ArrayList<>();
    for (var c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem))) {
      cas.add((X509Certificate) c);
    }
    return cas;
  }

  private static boolean onPath(String binary) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String d : path.split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
        return true;
      }
    }
    return false;
  }

  static String hostName() throws java.net.UnknownHostException {
    return InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
  }

  /** The first IPv4 address of an up, non-loopback interface; loopback if there is none. */
  static String firstAddress() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address) {
          return a.getHostAddress();
        }
      }
    }
    return "127.0.0.1";
  }
}
