package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.cri.HostCleanup;
import io.nauta.cri.testing.LocalRegistry;
import io.nauta.cri.testing.TestImages;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code nauta server} is also a node: without {@code --disable-agent} the machine registers itself
 * (with its own node credentials, not the admin's) and runs the pods scheduled to it as real
 * containers, so one command gives a working cluster.
 */
class ServerWithAgentIT extends ServerProcessTest {
  private LocalRegistry registry;
  private String bridge;
  private String image;

  @Override
  protected String[] serverArgs() throws Exception {
    registry = LocalRegistry.start(dir.resolve("registry"));
    TestImages.build(dir.resolve("images"), null, registry.hostPort());
    image = TestImages.busyboxAt(registry.hostPort());
    var random = ThreadLocalRandom.current();
    bridge = "nta" + HexFormat.of().toHexDigits((short) random.nextInt());
    // a registry known by a name that resolves nowhere, served by the loopback one: only the
    // mirror makes its images pullable
    java.nio.file.Path registries =
        file(
            "registries.yaml",
            """
            mirrors:
              registry.nauta.test:
                endpoint: ["http://%s"]
            """
                .formatted(registry.hostPort()));
    return new String[] {
      "--with-agent",
      "--registry-config=" + registries,
      "--stop-pods-on-exit",
      "--agent-port=0",
      "--node-name=solo",
      "--node-ip=127.0.0.1",
      "--bridge-name=" + bridge,
      "--pod-cidr=10.215." + random.nextInt(256) + ".0/24"
    };
  }

  @AfterAll
  void cleanUp() throws Exception {
    try {
      if (nauta != null) {
        nauta.close();
      }
      if (registry != null) {
        registry.close();
      }
    } finally {
      HostCleanup.deleteLink(bridge);
      HostCleanup.unmountUnder(dir);
    }
  }

  @Test
  void theServerIsANodeThatRunsPods() throws Exception {
    assertThat(nauta.output())
        .anyMatch(l -> l.contains("Nauta node agent is running as node solo"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(ok("get", "nodes").out()).containsPattern("solo\\s+Ready"));
    ok("run", "sleeper", "--image=" + image, "--restart=Never", "--command", "--", "sleep", "3600");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "sleeper", "-o", "wide").out())
                    .containsPattern("sleeper\\s+1/1\\s+Running.*solo"));
    // the in-process agent serves its API too: exec and logs go through the API server to it
    assertThat(ok("exec", "sleeper", "--", "sh", "-c", "echo hello from $(hostname)").out())
        .isEqualTo("hello from sleeper\n");
    ok("delete", "pod", "sleeper", "--grace-period=1");
    assertThat(ok("get", "pods").all()).contains("No resources found");
  }

  @Test
  void imagesComeThroughTheConfiguredMirror() throws Exception {
    ok(
        "run",
        "mirrored",
        "--image=registry.nauta.test/" + TestImages.BUSYBOX,
        "--restart=Never",
        "--command",
        "--",
        "sleep",
        "3600");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "mirrored").out())
                    .containsPattern("mirrored\\s+1/1\\s+Running"));
    assertThat(ok("describe", "pod", "mirrored").out())
        .contains("Successfully pulled image \"registry.nauta.test/" + TestImages.BUSYBOX + "\"");
    ok("delete", "pod", "mirrored", "--grace-period=1");
  }
}
