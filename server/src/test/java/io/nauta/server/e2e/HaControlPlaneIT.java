package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.store.etcd.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two API servers on one 3-member etcd cluster, the second joined to the first ({@code --join URL
 * --token-file F}): they share the cluster CA (one kubeconfig works against both), an agent given
 * both servers keeps its node alive through the second when the first is killed with -9, and the
 * standby scheduler and controller manager of the second take over.
 */
@Timeout(300)
class HaControlPlaneIT {
  private EtcdCluster etcd;

  @TempDir Path dir;

  /** A cluster of its own per test: the first server of each publishes the cluster's CA. */
  @BeforeEach
  void startEtcd() {
    etcd = EtcdCluster.start(3);
  }

  @AfterEach
  void stopEtcd() {
    etcd.close();
  }

  private static String lease(NautaProcess via, String namespace, String name, String field)
      throws Exception {
    return via.kubectl(
            "get", "lease", "-n", namespace, name, "-o", "jsonpath={.spec." + field + "}")
        .out()
        .strip();
  }

  @Test
  void aJoinedServerSharesTheCaAndTakesOverWhenTheFirstIsKilled() throws Exception {
    int firstPort = NautaProcess.freePort();
    try (NautaProcess first =
            NautaProcess.start(dir.resolve("first"), firstPort, "--store", etcd.uri());
        NautaProcess second =
            NautaProcess.start(
                dir.resolve("second"),
                NautaProcess.freePort(),
                "--store",
                etcd.uri(),
                "--join",
                "https://127.0.0.1:" + firstPort,
                "--token-file",
                dir.resolve("first/token").toString())) {
      // one cluster CA: the first server's kubeconfig is good for the second
      Kubectl.Result viaSecond =
          first.kubectl("--server=https://127.0.0.1:" + second.port(), "get", "namespaces");
      assertThat(viaSecond.code()).as(viaSecond.all()).isZero();
      assertThat(Files.readString(dir.resolve("second/token")))
          .isEqualTo(Files.readString(dir.resolve("first/token")));

      NautaProcess agent =
          NautaProcess.launch(
              dir.resolve("agent"),
              firstPort,
              List.of(
                  "agent",
                  "--server",
                  "https://127.0.0.1:" + firstPort + ",https://127.0.0.1:" + second.port(),
                  "--token-file",
                  dir.resolve("first/token").toString(),
                  "--node-name",
                  "ha-node",
                  "--node-ip",
                  "127.0.0.1",
                  "--container-runtime",
                  "none",
                  "--agent-port=" + NautaProcess.freePort(),
                  "--data-dir",
                  dir.resolve("agent").toString()),
              "Nauta node agent is running");
      // kubectl's way through either server: a kubeconfig on a local relay that fails over
      Path relayed = dir.resolve("relayed.kubeconfig");
      NautaProcess relay =
          NautaProcess.launch(
              dir.resolve("relay"),
              firstPort,
              List.of(
                  "kubeconfig",
                  "--server-list",
                  "https://127.0.0.1:" + firstPort + ",https://127.0.0.1:" + second.port(),
                  "--data-dir",
                  dir.resolve("first").toString(),
                  "--balance",
                  Integer.toString(NautaProcess.freePort()),
                  "-o",
                  relayed.toString()),
              "relaying 127.0.0.1:");
      try {
        Kubectl.Result before = Kubectl.run(relayed, null, "get", "namespace", "default");
        assertThat(before.code()).as(before.all()).isZero();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !lease(second, "kube-node-lease", "ha-node", "renewTime").isEmpty());
        String schedulerBefore = lease(second, "kube-system", "nauta-scheduler", "holderIdentity");
        String controllersBefore =
            lease(second, "kube-system", "nauta-controller-manager", "holderIdentity");

        first.kill();
        Instant killed = Instant.now();

        // kubectl carries on through the relay within 5 s, without changing its kubeconfig
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> Kubectl.run(relayed, null, "get", "namespace", "default").code() == 0);
        assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(5));

        // the agent renews its node's lease through the second server
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  String renewed = lease(second, "kube-node-lease", "ha-node", "renewTime");
                  return !renewed.isEmpty() && Instant.parse(renewed).isAfter(killed);
                });
        assertThat(second.kubectl("get", "node", "ha-node").code()).isZero();

        // whichever server was active before, one of each is active on the second now
        await()
            .atMost(Duration.ofSeconds(45))
            .untilAsserted(
                () -> {
                  String scheduler = lease(second, "kube-system", "nauta-scheduler", "renewTime");
                  String controllers =
                      lease(second, "kube-system", "nauta-controller-manager", "renewTime");
                  assertThat(Instant.parse(scheduler)).isAfter(killed);
                  assertThat(Instant.parse(controllers)).isAfter(killed);
                });
        assertThat(schedulerBefore).isNotEmpty();
        assertThat(controllersBefore).isNotEmpty();
        Kubectl.Result rs =
            second.kubectlWithInput(
                """
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"after"},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"after"}},
                  "template":{"metadata":{"labels":{"app":"after"}},
                   "spec":{"containers":[{"name":"c","image":"busybox"}]}}}}
                """,
                "create",
                "-f",
                "-");
        assertThat(rs.code()).as(rs.all()).isZero();
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(
                            second
                                .kubectl("get", "pods", "-l", "app=after", "-o", "name")
                                .out()
                                .strip()
                                .split("\n"))
                        .hasSize(2));
      } finally {
        relay.close();
        agent.close();
      }
    }
  }

  @Test
  void aJoinWithANodeTokenIsRefusedWithTheReason() throws Exception {
    int firstPort = NautaProcess.freePort();
    try (NautaProcess first =
        NautaProcess.start(dir.resolve("first"), firstPort, "--store", etcd.uri())) {
      Path wrong = dir.resolve("wrong-token");
      String token = Files.readString(dir.resolve("first/token")).strip();
      Files.writeString(wrong, token.substring(0, token.length() - 4) + "zzzz\n");
      IllegalStateException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalStateException.class,
              () ->
                  NautaProcess.start(
                      dir.resolve("second"),
                      NautaProcess.freePort(),
                      "--store",
                      etcd.uri(),
                      "--join",
                      "https://127.0.0.1:" + firstPort,
                      "--token-file",
                      wrong.toString()));
      assertThat(refused.getMessage()).contains("first server's token");
      assertThat(first.kubectl("get", "namespaces").code()).isZero();
    }
  }
}
