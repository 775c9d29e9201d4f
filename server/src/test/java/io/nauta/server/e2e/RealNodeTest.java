package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.cri.HostCleanup;
import io.nauta.cri.testing.LocalRegistry;
import io.nauta.cri.testing.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;

/**
 * Base of the end-to-end tests with real containers: besides the server, a registry on 127.0.0.1
 * serving the busybox test image and one {@code nauta agent} with its own containerd on a bridge
 * and pod subnet of its own, all stopped and their host state (bridge, mounts) removed afterwards.
 */
abstract class RealNodeTest extends ServerProcessTest {
  /** The registry the test image is pushed to. */
  protected LocalRegistry registry;

  /** The test image (busybox with httpd, wget, nc, sh) as pulled from {@link #registry}. */
  protected String image;

  /** The running agent. */
  protected NautaProcess agent;

  /** The agent's bridge. */
  protected String bridge;

  /** The first three octets of the agent's pod subnet, e.g. {@code 10.215.7}. */
  protected String subnet;

  /** The node's name. */
  protected String nodeName;

  private final List<String> agentFlags = new ArrayList<>();

  /**
   * Starts the registry (with the test image) and the agent for node {@code name}, and waits until
   * the node is Ready. {@code extra} flags are added to the agent's.
   */
  protected void startNode(String name, String... extra) throws Exception {
    registry = LocalRegistry.start(dir.resolve("registry"));
    TestImages.build(dir.resolve("images"), null, registry.hostPort());
    image = TestImages.busyboxAt(registry.hostPort());
    var random = ThreadLocalRandom.current();
    bridge = "nta" + HexFormat.of().toHexDigits((short) random.nextInt());
    subnet = "10.215." + random.nextInt(256);
    nodeName = name;
    agentFlags.addAll(List.of("--bridge-name=" + bridge, "--pod-cidr=" + subnet + ".0/24"));
    agent = launchAgent(extra);
  }

  /**
   * Starts the agent (again) on the same data, bridge and subnet; waits until the node is Ready.
   */
  protected NautaProcess launchAgent(String... extra) throws Exception {
    List<String> args = new ArrayList<>(agentFlags);
    args.addAll(List.of(extra));
    NautaProcess a =
        NautaProcess.startAgent(nauta, nodeName, dir.resolve("agent"), args.toArray(String[]::new));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "node", nodeName).out())
                    .containsPattern(nodeName + "\\s+Ready"));
    return a;
  }

  @AfterAll
  void stopNode() throws Exception {
    try {
      if (agent != null) {
        agent.close();
      }
      if (registry != null) {
        registry.close();
      }
    } finally {
      if (bridge != null) {
        HostCleanup.deleteLink(bridge);
      }
      HostCleanup.unmountUnder(dir);
    }
  }
}
