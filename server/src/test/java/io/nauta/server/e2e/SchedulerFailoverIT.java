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
 * Two {@code nauta scheduler} processes against one server: one leads (holds the Lease) and
 * schedules; when it is killed with SIGKILL the other takes over within 15 seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerFailoverIT {
  private Path dir;
  private NautaProcess server;
  private NautaProcess first;
  private NautaProcess second;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("nauta-failover-it");
    server =
        NautaProcess.start(dir.resolve("data"), NautaProcess.freePort(), "--disable-scheduler");
    first = NautaProcess.startScheduler(server);
    second = NautaProcess.startScheduler(server);
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
    return p.output().stream().anyMatch(l -> l.contains(" leads kube-system/nauta-scheduler"));
  }

  private String holder() throws Exception {
    return server
        .kubectl(
            "get",
            "lease",
            "-n",
            "kube-system",
            "nauta-scheduler",
            "-o",
            "jsonpath={.spec.holderIdentity}")
        .out();
  }

  private String nodeOf(String pod) throws Exception {
    return server.kubectl("get", "pod", pod, "-o", "jsonpath={.spec.nodeName}").out();
  }

  @Test
  void aStandbyTakesOverWhenTheLeaderDies() throws Exception {
    server.kubectlWithInput(
        "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"n1\"}}",
        "create",
        "-f",
        "-");
    server.kubectl(
        "patch",
        "node",
        "n1",
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"allocatable\":{\"cpu\":\"4\",\"memory\":\"8Gi\",\"pods\":\"110\"}}}");
    await().atMost(Duration.ofSeconds(20)).until(() -> leads(first) || leads(second));
    NautaProcess leader = leads(first) ? first : second;
    NautaProcess standby = leader == first ? second : first;
    assertThat(leads(standby)).isFalse();

    server.kubectl("run", "before", "--image=busybox");
    await().atMost(Duration.ofSeconds(20)).until(() -> nodeOf("before").equals("n1"));

    String holderBefore = holder();
    leader.kill();
    long killed = System.nanoTime();
    server.kubectl("run", "after", "--image=busybox");
    await().atMost(Duration.ofSeconds(30)).until(() -> nodeOf("after").equals("n1"));
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));
    assertThat(leads(standby)).isTrue();
    assertThat(holder()).isNotEmpty().isNotEqualTo(holderBefore);
  }
}
