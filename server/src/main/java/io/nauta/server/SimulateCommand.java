package io.nauta.server;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.simulator.NodeSimulator;
import io.nauta.simulator.NodeTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nauta simulate}: test and benchmark tools that stand in for real machines. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Test and benchmark tools: simulated nodes that run no containers.",
    subcommands = {SimulateCommand.Nodes.class})
final class SimulateCommand {

  /** {@code nauta simulate nodes}: registers simulated nodes until Ctrl-C. */
  @Command(
      name = "nodes",
      mixinStandardHelpOptions = true,
      description =
          "Register simulated nodes (a scale-test tool: no container ever runs on them) and keep"
              + " them alive until Ctrl-C.")
  static final class Nodes implements Callable<Integer> {
    @Option(names = "--kubeconfig", required = true, description = "The API server to join.")
    Path kubeconfig;

    @Option(
        names = "--count",
        defaultValue = "10",
        description = "How many nodes (${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--name-prefix", defaultValue = "sim-", description = "Node name prefix.")
    String prefix;

    @Option(names = "--cpu", defaultValue = "8", description = "CPU per node (${DEFAULT-VALUE}).")
    String cpu;

    @Option(names = "--memory", defaultValue = "32Gi", description = "Memory per node.")
    String memory;

    @Option(names = "--pods", defaultValue = "110", description = "Pods per node.")
    String pods;

    @Option(names = "--labels", split = ",", description = "Labels, key=value,...")
    List<String> labels = new ArrayList<>();

    @Option(names = "--taints", split = ",", description = "Taints, key=value:Effect,...")
    List<String> taints = new ArrayList<>();

    @Option(
        names = "--zones",
        defaultValue = "0",
        description = "Spread the nodes over this many zones (topology.kubernetes.io/zone).")
    int zones;

    @Option(names = "--heartbeat", defaultValue = "20", description = "Seconds between leases.")
    long heartbeatSeconds;

    @Option(names = "--delete-on-exit", description = "Delete the nodes when stopped.")
    boolean deleteOnExit;

    @Override
    public Integer call() throws Exception {
      NodeTemplate template =
          new NodeTemplate(prefix, cpu, memory, pods, labels(), taints(), zones);
      CountDownLatch stop = Components.stopSignal();
      try (KubernetesClient client = Components.client(kubeconfig);
          NodeSimulator sim =
              new NodeSimulator(
                  client,
                  template,
                  count,
                  Duration.ofSeconds(heartbeatSeconds),
                  Clock.systemUTC())) {
        sim.start();
        System.out.println(
            count + " simulated nodes are registered (" + prefix + "0...); Ctrl-C to stop");
        System.out.flush();
        stop.await();
        if (deleteOnExit) {
          sim.deleteNodes();
        }
      }
      return 0;
    }

    private Map<String, String> labels() {
      Map<String, String> out = new LinkedHashMap<>();
      for (String l : labels) {
        int eq = l.indexOf('=');
        if (eq <= 0) {
          throw new CommandLine.ParameterException(
              new CommandLine(this), "--labels wants key=value, got \"" + l + "\"");
        }
        out.put(l.substring(0, eq), l.substring(eq + 1));
      }
      return out;
    }

    private List<Taint> taints() {
      List<Taint> out = new ArrayList<>();
      for (String t : taints) {
        int colon = t.lastIndexOf(':');
        if (colon <= 0) {
          throw new CommandLine.ParameterException(
              new CommandLine(this), "--taints wants key=value:Effect, got \"" + t + "\"");
        }
        String kv = t.substring(0, colon);
        int eq = kv.indexOf('=');
        String key = eq < 0 ? kv : kv.substring(0, eq);
        String value = eq < 0 ? null : kv.substring(eq + 1);
        out.add(new Taint(t.substring(colon + 1), key, null, value));
      }
      return out;
    }
  }
}
