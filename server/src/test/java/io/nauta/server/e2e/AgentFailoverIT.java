package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.cri.HostCleanup;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code nauta agent --server URL1,URL2} joins through the first server that answers and runs its
 * API clients through a load balancer on loopback, which skips a server that is down and reconnects
 * when the connections to a server break.
 *
 * <p>Several API servers can only share one cluster state once the etcd engine exists, so here the
 * "lost" server is an address nothing listens on, listed first; the failover between two live
 * servers (kill -9 one, the agent continues through the other within 5 s) is for the test suite of
 * API servers sharing etcd.
 */
class AgentFailoverIT extends ServerProcessTest {
  private NautaProcess agent;
  private String bridge;

  @AfterAll
  void stopAgent() throws Exception {
    try {
      if (agent != null) {
        agent.close();
      }
    } finally {
      if (bridge != null) {
        HostCleanup.deleteLink(bridge);
      }
      HostCleanup.unmountUnder(dir);
    }
  }

  private String renewTime(String node) throws Exception {
    return ok("get", "lease", "-n", "kube-node-lease", node, "-o", "jsonpath={.spec.renewTime}")
        .out();
  }

  @Test
  void anAgentWhoseFirstServerIsDownJoinsThroughTheNextAndStaysConnected() throws Exception {
    int deadPort = NautaProcess.freePort();
    var random = ThreadLocalRandom.current();
    bridge = "ntf" + HexFormat.of().toHexDigits((short) random.nextInt());
    agent =
        NautaProcess.launch(
            dir.resolve("data"),
            port,
            List.of(
                "agent",
                "--server",
                "https://127.0.0.1:" + deadPort + ",https://127.0.0.1:" + port,
                "--token-file",
                dir.resolve("data").resolve("token").toString(),
                "--node-name",
                "failover",
                "--node-ip",
                "127.0.0.1",
                "--data-dir",
                dir.resolve("agent").toString(),
                "--bridge-name=" + bridge,
                "--pod-cidr=10.216." + random.nextInt(256) + ".0/24",
                "--agent-port=" + NautaProcess.freePort(),
                "--disable-proxy",
                "--stop-pods-on-exit"),
            "Nauta node agent is running");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ok("get", "node", "failover").out())
                    .containsPattern("failover\\s+Ready"));
    // it joined through the live server, and its clients passed the dead one by
    assertThat(Files.readString(dir.resolve("agent").resolve("kubeconfig.yaml")))
        .contains("server: https://127.0.0.1:" + port);
    assertThat(agent.output())
        .anyMatch(l -> l.contains("API server 127.0.0.1:" + deadPort + " does not accept"));

    // the server restarts: every connection through the balancer breaks, and the agent's
    // clients reconnect through it (past the dead server again) and keep the node's lease fresh
    assertThat(nauta.stop()).isZero();
    Instant restarted = Instant.now();
    nauta = NautaProcess.start(dir.resolve("data"), port);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(Instant.parse(renewTime("failover"))).isAfter(restarted));
    assertThat(ok("get", "node", "failover").out()).containsPattern("failover\\s+Ready");
    assertThat(agent.output()).noneMatch(l -> l.contains("Exception in thread"));
  }
}
