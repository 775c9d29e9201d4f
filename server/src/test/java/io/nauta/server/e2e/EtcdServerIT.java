package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nauta.store.etcd.EtcdCluster;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code nauta server} processes on a real 3-member etcd cluster ({@code --store etcd://}):
 * kubectl works as on the embedded engine, two servers on one etcd serve the same objects and each
 * one's watches see the other's writes, and killing the etcd leader under a write load loses no
 * acknowledged write while every watcher's event log, replayed, equals what is stored.
 */
@Timeout(300)
class EtcdServerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
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

  @Test
  void eventsExpireAfterTheEventTtl() throws Exception {
    for (EtcdCluster.Member m : etcd.members()) {
      if (!m.running()) {
        etcd.restart(m);
      }
    }
    etcd.awaitLeader();
    try (NautaProcess server =
        server("event-ttl", "--event-ttl", "3s", "--disable-scheduler", "--disable-controllers")) {
      String now = java.time.Instant.now().toString();
      String manifest =
          "apiVersion: v1\nkind: Event\nmetadata:\n  name: short-lived\ninvolvedObject:\n"
              + "  kind: ConfigMap\n  name: x\n  namespace: default\nreason: Testing\n"
              + "message: expires soon\ntype: Normal\nlastTimestamp: \""
              + now
              + "\"\n";
      Kubectl.Result applied = Kubectl.run(server.kubeconfig(), manifest, "apply", "-f", "-");
      assertThat(applied.code()).as(applied.err()).isZero();
      assertThat(server.kubectl("get", "events", "-o", "name").out()).contains("event/short-lived");
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(server.kubectl("get", "events", "-o", "name").out())
                      .as("the event is gone after its TTL")
                      .doesNotContain("short-lived"));
    }
  }

  private record Seen(String type, String name, long rv, String value) {}

  private static Seen seen(JsonNode event) {
    JsonNode object = event.path("object");
    return new Seen(
        event.path("type").asText(),
        object.path("metadata").path("name").asText(),
        object.path("metadata").path("resourceVersion").asLong(),
        object.path("data").path("v").asText());
  }

  @Test
  void writesAndWatchesAcrossAnEtcdLeaderKillLoseNothingAndRepeatNothing() throws Exception {
    for (EtcdCluster.Member m : etcd.members()) {
      if (!m.running()) {
        etcd.restart(m);
      }
    }
    etcd.awaitLeader();
    try (NautaProcess server = server("watch-kill")) {
      ApiClient api = new ApiClient(dir.resolve("watch-kill"), server.port());
      assertThat(
              api.post(
                      "/api/v1/namespaces",
                      "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                          + "\"metadata\":{\"name\":\"load\"}}")
                  .statusCode())
          .isEqualTo(201);
      String path = "/api/v1/namespaces/load/configmaps";
      String from =
          JSON.readTree(api.get(path).body()).path("metadata").path("resourceVersion").asText();
      List<ApiClient.Watch> watches = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        watches.add(api.watch(path + "?watch=true&resourceVersion=" + from));
      }
      ConcurrentHashMap<String, Long> acknowledged = new ConcurrentHashMap<>(); // name -> rv
      Set<String> deleted = ConcurrentHashMap.newKeySet();
      AtomicInteger writes = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      AtomicBoolean killed = new AtomicBoolean();
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int writer = t;
        writers.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      for (int k = 0; k < 60; k++) {
                        String name = "w" + writer + "-" + k;
                        try {
                          HttpResponse<String> created =
                              api.post(
                                  path,
                                  "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
                                      + "{\"name\":\""
                                      + name
                                      + "\"},\"data\":{\"v\":\"1\"}}");
                          if (created.statusCode() != 201) {
                            failures.incrementAndGet();
                            continue;
                          }
                          acknowledged.put(name, rv(created));
                          if (writes.incrementAndGet() >= 150
                              && killed.compareAndSet(false, true)) {
                            etcd.killLeader();
                          }
                          HttpResponse<String> updated =
                              api.send(
                                  "PATCH",
                                  path + "/" + name,
                                  "application/merge-patch+json",
                                  "{\"data\":{\"v\":\"2\"}}");
                          if (updated.statusCode() != 200) {
                            failures.incrementAndGet();
                            continue;
                          }
                          acknowledged.put(name, rv(updated));
                          writes.incrementAndGet();
                          if (k % 3 == 0) {
                            HttpResponse<String> gone =
                                api.send("DELETE", path + "/" + name, "application/json", "");
                            if (gone.statusCode() == 200) {
                              deleted.add(name);
                              writes.incrementAndGet();
                            } else {
                              failures.incrementAndGet();
                            }
                          }
                        } catch (Exception e) {
                          failures.incrementAndGet();
                        }
                      }
                    }));
      }
      for (Thread writer : writers) {
        writer.join(Duration.ofSeconds(180));
      }
      assertThat(killed).as("the etcd leader was killed under the load").isTrue();
      assertThat(failures.get()).as("requests failing around the re-election").isLessThan(40);

      JsonNode list = JSON.readTree(api.get(path).body());
      Map<String, Seen> stored = new TreeMap<>();
      for (JsonNode item : list.path("items")) {
        Seen s = seen(JSON.createObjectNode().put("type", "ADDED").set("object", item));
        stored.put(s.name(), s);
      }
      acknowledged.forEach(
          (name, rv) -> {
            if (deleted.contains(name)) {
              assertThat(stored).as("acknowledged delete of %s", name).doesNotContainKey(name);
            } else {
              assertThat(stored).as("acknowledged write of %s", name).containsKey(name);
              assertThat(stored.get(name).rv())
                  .as("%s is at least its acknowledged version", name)
                  .isGreaterThanOrEqualTo(rv);
            }
          });
      Map<String, Seen> expected = new TreeMap<>();
      stored.forEach((k, v) -> expected.put(k, new Seen("", k, v.rv(), v.value())));
      for (ApiClient.Watch watch : watches) {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(replay(watch.lines()))
                        .as("the watcher's log replayed equals the stored objects")
                        .isEqualTo(expected));
        assertThat(watch.ended()).as("the watch is still open").isFalse();
        watch.close();
      }
    }
  }

  /** The objects a watch's events leave, checking the events are in order and none repeats. */
  private static Map<String, Seen> replay(List<String> lines) {
    Map<String, Seen> replayed = new TreeMap<>();
    long last = 0;
    for (String line : lines) {
      Seen e = seen(parse(line));
      assertThat(e.type()).as(line).isIn("ADDED", "MODIFIED", "DELETED");
      assertThat(e.rv()).as("events in order, none twice: %s", line).isGreaterThan(last);
      last = e.rv();
      if (e.type().equals("DELETED")) {
        assertThat(replayed.remove(e.name())).as("deleted %s was seen", e.name()).isNotNull();
      } else {
        assertThat(replayed.containsKey(e.name()))
            .as("ADDED for a new object, MODIFIED for a known one: %s", line)
            .isEqualTo(e.type().equals("MODIFIED"));
        replayed.put(e.name(), new Seen("", e.name(), e.rv(), e.value()));
      }
    }
    return replayed;
  }

  private static long rv(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).path("metadata").path("resourceVersion").asLong();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new IllegalStateException(line, e);
    }
  }
}
