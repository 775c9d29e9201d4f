package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restarting the node agent does not restart its pods: while it is away the containers keep
 * serving, and when it is back it adopts them (same container, no restart counted) and removes what
 * belongs to pods deleted meanwhile.
 */
class AgentRestartIT extends RealNodeTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @BeforeAll
  void startAgent() throws Exception {
    startNode("box-r", "--keep-pods-on-exit");
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
