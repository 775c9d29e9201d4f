package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two {@code nauta controller-manager} processes against one server: exactly one acts (holds the
 * Lease); when it is killed with SIGKILL the other takes over within 15 seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControllerManagerFailoverIT {
  private static final String LEASE = " leads kube-system/nauta-controller-manager";
  private Path dir;
  private NautaProcess server;
  private NautaProcess first;
  private NautaProcess second;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("nauta-cm-failover-it");
    server =
        NautaProcess.start(dir.resolve("data"), NautaProcess.freePort(), "--disable-controllers");
    first = NautaProcess.startControllerManager(server);
    second = NautaProcess.startControllerManager(server);
  }

  @AfterAll
  void stop() throws Exception {
    for (NautaProcess p : new NautaProcess[] {first, second, server}) {
      if (p != null) {
        p.close();
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static boolean leads(NautaProcess p) {
    return p.output().stream().anyMatch(l -> l.contains(LEASE));
  }

  private void replicaSet(String name) throws Exception {
    server.kubectlWithInput(
        """
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"%s"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"%s"}},
                 "template":{"metadata":{"labels":{"app":"%s"}},
                             "spec":{"containers":[{"name":"c","image":"busybox"}]}}}}
        """
            .formatted(name, name, name),
        "create",
        "-f",
        "-");
  }

  private int pods(String app) throws Exception {
    String out =
        server
            .kubectl("get", "pods", "-l", "app=" + app, "-o", "jsonpath={.items[*].metadata.name}")
            .out()
            .trim();
    return out.isEmpty() ? 0 : out.split(" ").length;
  }

  @Test
  void aStandbyTakesOverWhenTheLeaderDies() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> leads(first) || leads(second));
    NautaProcess leader = leads(first) ? first : second;
    NautaProcess standby = leader == first ? second : first;
    assertThat(leads(standby)).isFalse();

    replicaSet("before");
    await().atMost(Duration.ofSeconds(20)).until(() -> pods("before") == 2);
    // a standby never acts: the leader's events are the only ones
    assertThat(
            server
                .kubectl(
                    "get", "events", "--field-selector", "reason=SuccessfulCreate", "-o", "name")
                .out()
                .trim()
                .split("\\n"))
        .hasSize(2);

    leader.kill();
    long killed = System.nanoTime();
    replicaSet("after");
    await().atMost(Duration.ofSeconds(30)).until(() -> pods("after") == 2);
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));
    assertThat(leads(standby)).isTrue();
    assertThat(pods("before")).isEqualTo(2);
  }
}
