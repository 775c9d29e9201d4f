package io.nauta.server;

import io.fabric8.kubernetes.client.Config;
import io.nauta.apiserver.auth.JoinToken;
import io.nauta.node.loadbalancer.ServerAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nauta agent}: runs the node agent for this machine against the API server of a kubeconfig.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "Run the node agent for this machine: join the cluster at --server with the token in"
            + " --token-file (printed by `nauta token create`, or the server's data-dir/token), or"
            + " use the credentials of --kubeconfig.")
final class AgentCommand implements Callable<Integer> {
  @Option(names = "--kubeconfig", description = "Credentials for the API server to use.")
  Path kubeconfig;

  @Option(
      names = "--server",
      split = ",",
      description =
          "The API servers to join and to use, e.g. https://HOST:6443, or several separated by"
              + " commas: the agent's API connections go through a load balancer on 127.0.0.1"
              + " to the first that answers, and to the others (and those the cluster's"
              + " default/kubernetes Endpoints list) when it is lost.")
  List<String> servers;

  @Option(names = "--token-file", description = "The join token (one line: K10...::id.secret).")
  Path tokenFile;

  @Option(
      names = "--data-dir",
      description = "Where the agent keeps its state (default: /var/lib/nauta/agent as root).")
  Path dataDir;

  @CommandLine.Mixin AgentFlags flags = new AgentFlags();

  @CommandLine.Mixin NetworkFlags networkFlags = new NetworkFlags();

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = Components.stopSignal();
    Path dir = dataDir != null ? dataDir : ServerCommand.defaultDataDir().resolve("agent");
    Path credentials = kubeconfig;
    List<ServerAddress> addresses = new ArrayList<>();
    try {
      for (String s : servers == null ? List.<String>of() : servers) {
        addresses.add(ServerAddress.parse(s));
      }
    } catch (IllegalArgumentException e) {
      System.err.println("nauta agent: --server: " + e.getMessage());
      return 2;
    }
    if (addresses.isEmpty() && kubeconfig != null) {
      // the kubeconfig's server alone; the balancer learns the others from the cluster
      kubeconfigServer(kubeconfig).ifPresent(addresses::add);
    }
    if (credentials == null) {
      if (servers == null || tokenFile == null) {
        System.err.println(
            "nauta agent: give --server and --token-file to join a cluster, or --kubeconfig");
        return 2;
      }
      java.util.Optional<JoinToken> token = JoinToken.parse(Files.readString(tokenFile));
      if (token.isEmpty()) {
        System.err.println(
            "nauta agent: " + tokenFile + " holds no join token (K10<ca-hash>::<id>.<secret>)");
        return 2;
      }
      if (flags.nodeName == null) {
        flags.nodeName = AgentRunner.hostName();
      }
      try {
        credentials = NodeJoin.kubeconfig(servers, token.get(), flags.nodeName, dir);
      } catch (java.io.IOException | IllegalStateException e) {
        System.err.println(
            "nauta agent: cannot join " + String.join(",", servers) + ": " + Main.describe(e));
        return 1;
      }
    }
    try (AgentRunner agent =
        AgentRunner.start(flags, networkFlags.resolve(f -> null), credentials, dir, addresses)) {
      ready(agent);
      stop.await();
    }
    return 0;
  }

  /** The https server a kubeconfig names, if it names one. */
  private static java.util.Optional<ServerAddress> kubeconfigServer(Path kubeconfig)
      throws java.io.IOException {
    String url = Config.fromKubeconfig(Files.readString(kubeconfig)).getMasterUrl();
    try {
      return java.util.Optional.of(ServerAddress.parse(url));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  static void ready(AgentRunner agent) {
    System.out.println(
        "Nauta node agent is running as node " + agent.nodeName() + " (" + agent.nodeIp() + ")");
    System.out.flush();
  }
}
