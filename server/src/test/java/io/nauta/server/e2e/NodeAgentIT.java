package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code nauta agent} against a real server, read with kubectl: it registers this machine with its
 * real capacity and identity, heartbeats through its Lease, and (with no container runtime yet)
 * reports NotReady with the reason, so the node lifecycle controller keeps pods off it; a restarted
 * agent takes its node over.
 */
class NodeAgentIT extends ServerProcessTest {
  private NautaProcess agent;

  @AfterAll
  void stopAgent() throws Exception {
    if (agent != null) {
      agent.close();
    }
  }

  private String node(String jsonpath) throws Exception {
    return ok("get", "node", "agent-1", "-o", "jsonpath=" + jsonpath).out();
  }

  @Test
  void registersThisMachineAndHeartbeats() throws Exception {
    agent =
        NautaProcess.startAgent(nauta, "agent-1", dir.resolve("agent"), "--container-runtime=none");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(ok("get", "nodes").out()).containsPattern("agent-1\\s+NotReady"));
    assertThat(node("{.status.capacity.cpu}"))
        .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    long memKi =
        Long.parseLong(
            Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", ""));
    assertThat(node("{.status.capacity.memory}")).isEqualTo(memKi + "Ki");
    assertThat(node("{.status.capacity.pods}")).isEqualTo("110");
    assertThat(node("{.status.nodeInfo.kubeletVersion}")).isEqualTo("v1.32.0-nauta");
    assertThat(node("{.status.nodeInfo.operatingSystem}/{.status.nodeInfo.architecture}"))
        .isEqualTo("linux/amd64");
    assertThat(node("{.metadata.labels.kubernetes\\.io/hostname}")).isEqualTo("agent-1");
    assertThat(node("{.status.addresses[?(@.type==\"InternalIP\")].address}"))
        .isEqualTo("127.0.0.1");
    assertThat(node("{.status.conditions[?(@.type==\"Ready\")].message}"))
        .isEqualTo("no container runtime is configured on this node");

    // the heartbeat: the Lease is renewed every 10 s
    String renewed =
        ok("get", "lease", "-n", "kube-node-lease", "agent-1", "-o", "jsonpath={.spec.renewTime}")
            .out();
    assertThat(renewed).isNotEmpty();
    await()
        .atMost(Duration.ofSeconds(25))
        .untilAsserted(
            () ->
                assertThat(
                        ok(
                                "get",
                                "lease",
                                "-n",
                                "kube-node-lease",
                                "agent-1",
                                "-o",
                                "jsonpath={.spec.renewTime}")
                            .out())
                    .isNotEqualTo(renewed));

    // a not-ready node is tainted, and pods go elsewhere (here: nowhere)
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(node("{.spec.taints[*].key}")).contains("node.kubernetes.io/not-ready"));
    ok("run", "waiting", "--image=busybox");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pod", "waiting").out())
                    .contains("FailedScheduling", "node.kubernetes.io/not-ready"));
    assertThat(ok("get", "pod", "waiting", "-o", "jsonpath={.spec.nodeName}").out()).isEmpty();

    // a restarted agent takes its node over
    agent.kill();
    agent =
        NautaProcess.startAgent(nauta, "agent-1", dir.resolve("agent"), "--container-runtime=none");
    assertThat(ok("get", "nodes", "-o", "name").out().trim()).isEqualTo("node/agent-1");
  }
}
