package io.nauta.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.node.NodeAgent;
import io.nauta.node.status.Readiness;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
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

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = Components.stopSignal();
    String name = nodeName != null ? nodeName : hostName();
    String ip = nodeIp != null ? nodeIp : firstAddress();
    Path dir = dataDir != null ? dataDir : ServerCommand.defaultDataDir().resolve("agent");
    try (KubernetesClient client = Components.client(kubeconfig, "nauta-agent");
        NodeAgent agent =
            NodeAgent.start(
                client,
                new NodeAgent.Config(name, ip, dir),
                () -> "none",
                () -> Readiness.notReady(NO_RUNTIME),
                Clock.systemUTC())) {
      System.out.println("Nauta node agent is running as node " + name + " (" + ip + ")");
      System.out.flush();
      stop.await();
    }
    return 0;
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
