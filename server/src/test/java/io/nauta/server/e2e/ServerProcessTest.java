package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nauta.simulator.NodeSimulator;
import io.nauta.simulator.NodeTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the end-to-end tests: one real {@code nauta server} process per test class, on a free
 * loopback port with its own data directory, stopped and removed afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerProcessTest {
  /** A scratch directory for the class; the server's data lives in {@code dir/data}. */
  protected Path dir;

  protected NautaProcess nauta;

  /** The server's HTTPS port (kept across a restart of the process). */
  protected int port;

  private KubernetesClient client;
  private final List<NodeSimulator> simulators = new ArrayList<>();

  @BeforeAll
  void startServer() throws Exception {
    dir = Files.createTempDirectory("nauta-" + getClass().getSimpleName());
    port = NautaProcess.freePort();
    nauta = NautaProcess.start(dir.resolve("data"), port, serverArgs());
  }

  /** A fabric8 client of the server (admin), made on first use and closed with the class. */
  protected KubernetesClient client() throws Exception {
    if (client == null) {
      client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(nauta.kubeconfig())))
              .build();
    }
    return client;
  }

  /**
   * Registers {@code count} simulated nodes (which, like kubelets, report their pods Running and
   * finish deleting them), kept alive until the class ends.
   */
  protected NodeSimulator simulateNodes(NodeTemplate template, int count) throws Exception {
    return simulateNodes(template, count, Duration.ofSeconds(5));
  }

  /** As {@link #simulateNodes(NodeTemplate, int)}, renewing leases every {@code heartbeat}. */
  protected NodeSimulator simulateNodes(NodeTemplate template, int count, Duration heartbeat)
      throws Exception {
    NodeSimulator sim = new NodeSimulator(client(), template, count, heartbeat, Clock.systemUTC());
    simulators.add(sim);
    sim.start();
    return sim;
  }

  @AfterAll
  void stopServer() throws Exception {
    simulators.forEach(NodeSimulator::close);
    if (client != null) {
      client.close();
    }
    if (nauta != null) {
      nauta.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * The server flag for classes using {@link #registerNode}: such nodes never heartbeat, so without
   * it the node lifecycle controller would mark them unreachable (and taint them) after 40 s.
   */
  protected static final String STATIC_NODES = "--node-monitor-grace-period=1h";

  /** Extra {@code nauta server} flags; files they name may be written to {@link #dir} here. */
  protected String[] serverArgs() throws Exception {
    return new String[0];
  }

  /** Runs kubectl against the server and asserts it succeeded. */
  protected Kubectl.Result ok(String... args) throws Exception {
    Kubectl.Result r = nauta.kubectl(args);
    assertThat(r.code()).as("kubectl %s\n%s", String.join(" ", args), r.all()).isZero();
    return r;
  }

  /** Writes a file in the scratch directory. */
  protected Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /**
   * Registers a Node through the API as a node agent would (no agent runs it): the object with its
   * labels and taints, then its allocatable resources through the status subresource.
   */
  protected void registerNode(
      String name, String cpu, String memory, String labelsJson, String taintsJson)
      throws Exception {
    nauta.kubectlWithInput(
        """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":%s},
         "spec":{"taints":%s}}
        """
            .formatted(name, labelsJson, taintsJson),
        "create",
        "-f",
        "-");
    ok(
        "patch",
        "node",
        name,
        "--subresource=status",
        "--type=merge",
        "-p",
        """
        {"status":{"allocatable":{"cpu":"%s","memory":"%s","pods":"110"},
                   "capacity":{"cpu":"%s","memory":"%s","pods":"110"}}}
        """
            .formatted(cpu, memory, cpu, memory));
  }

  /** The node a pod is bound to, or "" while it is not. */
  protected String nodeOf(String pod) throws Exception {
    return ok("get", "pod", pod, "-o", "jsonpath={.spec.nodeName}").out();
  }
}
