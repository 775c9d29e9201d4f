package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.store.etcd.EtcdCluster;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code nauta server} processes on a real 3-member etcd cluster ({@code --store etcd://}):
 * kubectl works as on the embedded engine, two servers on one etcd serve the same objects and each
 * one's watches see the other's writes, and killing the etcd leader under a create loop loses no
 * acknowledged create.
 */
@Timeout(300)
class EtcdServerIT {

  private static EtcdCluster etcd;

  @TempDir Path dir;

  @BeforeAll
  static void startEtcd() {
    etcd = EtcdCluster.start(3);
  }

  @AfterAll
  static void stopEtcd() {
    etcd.close();
  }

  private NautaProcess server(String name, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--store", etcd.uri()));
    args.addAll(List.of(extra));
    return NautaProcess.start(
        dir.resolve(name), NautaProcess.freePort(), args.toArray(String[]::new));
  }

  @Test
  void kubectlWorksOnEtcdAndTwoServersShareIt() throws Exception {
    try (NautaProcess first = server("first");
        NautaProcess second = server("second", "--disable-scheduler", "--disable-controllers")) {
      assertThat(first.kubectl("create", "configmap", "shared", "--from-literal=k=v").code())
          .isZero();
      assertThat(first.kubectl("get", "configmap", "shared", "-o", "jsonpath={.data.k}").out())
          .isEqualTo("v");
      assertThat(second.kubectl("get", "configmap", "shared", "-o", "jsonpath={.data.k}").out())
          .as("the second server reads what the first wrote")
          .isEqualTo("v");
      assertThat(second.kubectl("get", "configmaps", "-o", "name").out())
          .contains("configmap/shared");

      Path watched = dir.resolve("watch.out");
      Process watch =
          Kubectl.startBackground(
              second.kubeconfig(), watched, "get", "configmaps", "--watch", "-o", "name");
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Files.readString(watched).contains("configmap/shared\n"));
        assertThat(first.kubectl("create", "configmap", "later", "--from-literal=k=2").code())
            .isZero();
        assertThat(first.kubectl("delete", "configmap", "shared").code()).isZero();
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(Files.readString(watched))
                        .as("a watch on the second server sees writes through the first")
                        .contains("configmap/later\nconfigmap/shared\n"));
      } finally {
        watch.destroyForcibly();
        watch.waitFor();
      }
      assertThat(second.kubectl("get", "configmap", "shared").code()).isNotZero();
    }
  }

  @Test
  void createsContinueAcrossAnEtcdLeaderKillAndNoneIsLost() throws Exception {
    try (NautaProcess server = server("leader-kill")) {
      ApiClient api = new ApiClient(dir.resolve("leader-kill"), server.port());
      List<String> acknowledged = new ArrayList<>();
      int afterKill = 0;
      int failed = 0;
      for (int i = 0; i < 300 && afterKill < 50; i++) {
        if (i == 60) {
          etcd.killLeader();
        }
        String name = "cm-" + i;
        HttpResponse<String> response =
            api.post(
                "/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                    + name
                    + "\"},\"data\":{\"i\":\""
                    + i
                    + "\"}}");
        if (response.statusCode() == 201) {
          acknowledged.add(name);
          if (i > 60) {
            afterKill++;
          }
        } else {
          failed++;
          assertThat(response.statusCode()).as(response.body()).isIn(500, 503, 504);
        }
      }

      assertThat(afterKill).as("creates acknowledged after the re-election").isEqualTo(50);
      assertThat(failed).as("creates that failed around the leader kill").isLessThan(30);
      for (String name : acknowledged) {
        assertThat(api.get("/api/v1/namespaces/default/configmaps/" + name).statusCode())
            .as("acknowledged %s is there", name)
            .isEqualTo(200);
      }
    }
  }

  @Test
  void withoutAnEtcdMajorityTheApiAnswers503AndRecovers() throws Exception {
    for (EtcdCluster.Member m : etcd.members()) {
      if (!m.running()) {
        etcd.restart(m); // a member an earlier test killed
      }
    }
    etcd.awaitLeader();
    try (NautaProcess server = server("no-quorum")) {
      ApiClient api = new ApiClient(dir.resolve("no-quorum"), server.port());
      assertThat(api.get("/api/v1/namespaces/default/configmaps").statusCode()).isEqualTo(200);
      List<EtcdCluster.Member> stopped = etcd.members().subList(0, 2);
      stopped.forEach(etcd::stop);
      try {
        long start = System.nanoTime();
        HttpResponse<String> down =
            api.post(
                "/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.body()).contains("\"kind\":\"Status\"").contains("etcd");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .as("an answer, not a hang")
            .isLessThan(Duration.ofSeconds(20));
      } finally {
        stopped.forEach(etcd::restart);
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          api.post(
                                  "/api/v1/namespaces/default/configmaps",
                                  "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                                      + "\"metadata\":{\"name\":\"back\"}}")
                              .statusCode())
                      .isIn(201, 409));
    }
  }
}
