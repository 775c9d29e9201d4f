package io.nauta.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.cri.Containerd;
import io.nauta.cri.ContainerdConfig;
import io.nauta.cri.ContainerdFiles;
import io.nauta.cri.testing.TestImages;
import io.nauta.node.NodeAgent;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nauta agent}: runs the node agent for this machine against the API server of a kubeconfig.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "Run the node agent for this machine, a client of the API server in --kubeconfig.")
final class AgentCommand implements Callable<Integer> {
  /** Until the container runtime is wired in, the node says why it takes no pods. */
  static final String NO_RUNTIME = "no container runtime is configured on this node yet";

  @Option(names = "--kubeconfig", required = true, description = "The API server to join.")
  Path kubeconfig;

  @Option(names = "--node-name", description = "The Node's name (default: this host's name).")
  String nodeName;

  @Option(
      names = "--node-ip",
      description = "The address other nodes reach this one at (default: the first non-loopback).")
  String nodeIp;

  @Option(
      names = "--data-dir",
      description = "Where the agent keeps its state (default: /var/lib/nauta/agent as root).")
  Path dataDir;

  @Option(
      names = "--container-runtime",
      defaultValue = "containerd",
      description =
          "containerd (default: runs its own containerd, or uses --containerd-socket), or none"
              + " (the node registers but takes no pods).")
  String containerRuntime;

  @Option(
      names = "--containerd-socket",
      description = "Use the containerd listening here instead of starting one.")
  Path containerdSocket;

  @Option(
      names = "--pod-cidr",
      defaultValue = "10.88.0.0/16",
      description = "Addresses for this node's pods (default: ${DEFAULT-VALUE}).")
  String podCidr;

  @Option(
      names = "--bridge-name",
      defaultValue = "nauta0",
      description = "The Linux bridge pods attach to (default: ${DEFAULT-VALUE}).")
  String bridgeName;

  @Option(
      names = "--agent-port",
      defaultValue = "10250",
      description =
          "The port of the agent's HTTPS API (logs, exec, attach, port-forward, stats) that the"
              + " API server proxies to (default: ${DEFAULT-VALUE}; 0: any free port).")
  int agentPort;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = Components.stopSignal();
    String name = nodeName != null ? nodeName : hostName();
    String ip = nodeIp != null ? nodeIp : firstAddress();
    Path dir = dataDir != null ? dataDir : ServerCommand.defaultDataDir().resolve("agent");
    NodeAgent.Config config = new NodeAgent.Config(name, ip, dir, agentPort);
    try (KubernetesClient client = Components.client(kubeconfig, "nauta-agent")) {
      if (containerRuntime.equals("none")) {
        try (NodeAgent agent =
            NodeAgent.start(
                client,
                config,
                () -> "none",
                () -> Readiness.notReady(NO_RUNTIME),
                Clock.systemUTC())) {
          ready(name, ip);
          stop.await();
        }
        return 0;
      }
      try (Containerd containerd = containerd(dir);
          NodeAgent agent =
              NodeAgent.start(
                  client,
                  config,
                  containerd.client(),
                  registry ->
                      containerd
                          .config()
                          .ifPresent(c -> ContainerdFiles.addPlainHttpRegistry(c, registry)),
                  AgentTls.selfSigned(name, List.of(ip), clusterCas(client)),
                  ClientAuthenticator.commonNames(ClientAuthenticator.API_SERVER_CLIENT),
                  Clock.systemUTC())) {
        ready(name, ip);
        stop.await();
      }
    }
    return 0;
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

  private static void ready(String name, String ip) {
    System.out.println("Nauta node agent is running as node " + name + " (" + ip + ")");
    System.out.flush();
  }

  /** The containerd to use: the given socket's, or our own with the sandbox image imported. */
  private Containerd containerd(Path dir) throws Exception {
    if (containerdSocket != null) {
      return Containerd.existing(containerdSocket);
    }
    ContainerdConfig config =
        ContainerdConfig.defaults(dir.resolve("containerd"))
            .withPodCidr(podCidr)
            .withBridgeName(bridgeName);
    Containerd containerd = Containerd.start(config);
    if (containerd.client().imageStatus(config.sandboxImage()).isEmpty()) {
      // no internet: the sandbox ("pause") image is built here from busybox-static
      TestImages.build(dir.resolve("images"), config.socket(), null);
    }
    return containerd;
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
