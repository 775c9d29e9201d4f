package io.nauta.server;

import java.nio.file.Path;
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
        "Run the node agent for this machine, a client of the API server in --kubeconfig.")
final class AgentCommand implements Callable<Integer> {
  @Option(names = "--kubeconfig", required = true, description = "The API server to join.")
  Path kubeconfig;

  @Option(
      names = "--data-dir",
      description = "Where the agent keeps its state (default: /var/lib/nauta/agent as root).")
  Path dataDir;

  @CommandLine.Mixin AgentFlags flags = new AgentFlags();

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = Components.stopSignal();
    Path dir = dataDir != null ? dataDir : ServerCommand.defaultDataDir().resolve("agent");
    try (AgentRunner agent = AgentRunner.start(flags, kubeconfig, dir)) {
      ready(agent);
      stop.await();
    }
    return 0;
  }

  static void ready(AgentRunner agent) {
    System.out.println(
        "Nauta node agent is running as node " + agent.nodeName() + " (" + agent.nodeIp() + ")");
    System.out.flush();
  }
}
