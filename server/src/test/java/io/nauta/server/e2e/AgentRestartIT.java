package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.cri.HostCleanup;
import io.nauta.cri.testing.LocalRegistry;
import io.nauta.cri.testing.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restarting the node agent does not restart its pods: while it is away the containers keep
 * serving, and when it is back it adopts them (same container, no restart counted) and removes what
 * belongs to pods deleted meanwhile.
 */
class AgentRestartIT extends ServerProcessTest {
  private LocalRegistry registry;
  private NautaProcess agent;
  private String bridge;
  private String image;
  private String[] agentFlags;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @BeforeAll
  void startAgent() throws Exception {
    registry = LocalRegistry.start(dir.resolve("registry"));
    TestImages.build(dir.resolve("images"), null, registry.hostPort());
    image = TestImages.busyboxAt(registry.hostPort());
    var random = ThreadLocalRandom.current();
    bridge = "nta" + HexFormat.of().toHexDigits((short) random.nextInt());
    agentFlags =
        new String[] {
          "--bridge-name=" + bridge, "--pod-cidr=10.216." + random.nextInt(256) + ".0/24"
        };
    agent = launchAgent("--keep-pods-on-exit");
  }

  private NautaProcess launchAgent(String... extra) throws Exception {
    String[] args = new String[agentFlags.length + extra.length];
    System.arraycopy(agentFlags, 0, args, 0, agentFlags.length);
    System.arraycopy(extra, 0, args, agentFlags.length, extra.length);
    NautaProcess a = NautaProcess.startAgent(nauta, "box-r", dir.resolve("agent"), args);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(ok("get", "node", "box-r").out()).containsPattern("box-r\\s+Ready"));
    return a;
  }

  @AfterAll
  void stopAgent() throws Exception {
    try {
      if (agent != null) {
        agent.close();
      }
      if (registry != null) {
        registry.close();
      }
    } finally {
      HostCleanup.deleteLink(bridge);
      HostCleanup.unmountUnder(dir);
    }
  }

  private void webPod(String name) throws Exception {
    ok(
        "run",
        name,
        "--image=" + image,
        "--restart=Always",
        "--command",
        "--",
        "httpd",
        "-f",
        "-p",
        "8080",
        "-h",
        "/www");
  }

  private String field(String pod, String jsonpath) throws Exception {
    return ok("get", "pod", pod, "-o", "jsonpath=" + jsonpath).out();
  }

  private boolean answers(String ip) {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void podsOutliveTheAgentAndAreAdoptedWhenItReturns() throws Exception {
    webPod("kept");
    webPod("gone");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pods").out())
                    .containsPattern("kept\\s+1/1\\s+Running")
                    .containsPattern("gone\\s+1/1\\s+Running"));
    String keptId = field("kept", "{.status.containerStatuses[0].containerID}");
    String keptIp = field("kept", "{.status.podIP}");
    String goneIp = field("gone", "{.status.podIP}");
    await().atMost(Duration.ofSeconds(10)).until(() -> answers(keptIp) && answers(goneIp));

    assertThat(agent.stop()).isZero();
    // no agent, no containerd: the containers still serve
    assertThat(answers(keptIp)).isTrue();
    ok("delete", "pod", "gone", "--grace-period=0", "--force");

    agent = launchAgent();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(field("kept", "{.status.containerStatuses[0].containerID}"))
                  .isEqualTo(keptId);
              assertThat(field("kept", "{.status.containerStatuses[0].restartCount}"))
                  .isEqualTo("0");
              assertThat(field("kept", "{.status.containerStatuses[0].ready}")).isEqualTo("true");
            });
    assertThat(answers(keptIp)).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> !answers(goneIp));
    assertThat(ok("get", "pods").out()).doesNotContain("gone");
  }
}
