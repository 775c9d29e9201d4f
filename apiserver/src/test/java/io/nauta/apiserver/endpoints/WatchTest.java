package io.nauta.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.testing.TestCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Watches over HTTPS: ordering, selectors, bookmarks, timeouts, 410 after compaction. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchTest {
  private TestCluster cluster;

  @BeforeAll
  void start() throws Exception {
    cluster = new TestCluster();
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  /** Opens a watch; events are collected as they arrive. */
  private List<JsonNode> watch(String path, String accept) {
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    var req = cluster.request(path).timeout(Duration.ofSeconds(60));
    if (accept != null) {
      req.header("Accept", accept);
    }
    cluster
        .client()
        .sendAsync(req.GET().build(), HttpResponse.BodyHandlers.ofLines())
        .thenAccept(
            r -> {
              try (Stream<String> lines = r.body()) {
                lines.forEach(
                    l -> {
                      try {
                        events.add(Codec.JSON.readTree(l));
                      } catch (Exception e) {
                        events.add(
                            Codec.JSON
                                .createObjectNode()
                                .put("type", "UNPARSEABLE")
                                .put("line", l));
                      }
                    });
              }
            });
    return events;
  }

  private void create(String ns, String name, String labels) {
    assertThat(
            cluster
                .post(
                    "/api/v1/namespaces/" + ns + "/configmaps",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                        + name
                        + "\",\"labels\":{"
                        + labels
                        + "}}}")
                .code())
        .isEqualTo(201);
  }

  @Test
  void deliversEventsInOrderFromAResourceVersion() {
    cluster.post(
        "/api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"w1\"}}");
    String rv =
        cluster
            .get("/api/v1/namespaces/w1/configmaps")
            .json()
            .path("metadata")
            .path("resourceVersion")
            .asText();
    List<JsonNode> events =
        watch("/api/v1/namespaces/w1/configmaps?watch=true&resourceVersion=" + rv, null);
    for (int i = 0; i < 20; i++) {
      create("w1", "e" + i, "");
    }
    cluster.delete("/api/v1/namespaces/w1/configmaps/e0");
    await().atMost(10, TimeUnit.SECONDS).until(() -> events.size() >= 21);
    assertThat(events.get(0).path("type").asText()).isEqualTo("ADDED");
    assertThat(events.get(20).path("type").asText()).isEqualTo("DELETED");
    long last = 0;
    for (JsonNode e : events) {
      long v = Long.parseLong(e.path("object").path("metadata").path("resourceVersion").asText());
      assertThat(v).isGreaterThan(last);
      last = v;
    }
  }

  @Test
  void sendsInitialStateWithoutResourceVersionAndFiltersByLabel() {
    cluster.post(
        "/api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"w2\"}}");
    create("w2", "pre", "\"app\":\"a\"");
    List<JsonNode> events =
        watch("/api/v1/namespaces/w2/configmaps?watch=1&labelSelector=app%3Da", null);
    await().atMost(5, TimeUnit.SECONDS).until(() -> events.size() >= 1);
    create("w2", "other", "\"app\":\"b\"");
    create("w2", "mine", "\"app\":\"a\"");
    // relabelling an object out of the selection is a DELETED for this watch
    cluster.patch(
        "/api/v1/namespaces/w2/configmaps/pre",
        "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"app\":\"z\"}}}");
    await().atMost(5, TimeUnit.SECONDS).until(() -> events.size() >= 3);
    assertThat(
            events.stream()
                .map(
                    e ->
                        e.path("type").asText()
                            + ":"
                            + e.path("object").path("metadata").path("name").asText()))
        .containsExactly("ADDED:pre", "ADDED:mine", "DELETED:pre");
  }

  @Test
  void sendsBookmarksWhenAllowed() {
    List<JsonNode> events =
        watch(
            "/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=1",
            null);
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> events.stream().anyMatch(e -> e.path("type").asText().equals("BOOKMARK")));
    JsonNode b =
        events.stream()
            .filter(e -> e.path("type").asText().equals("BOOKMARK"))
            .findFirst()
            .orElseThrow();
    assertThat(b.path("object").path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(b.path("object").path("metadata").path("resourceVersion").asText()).isNotEmpty();
  }

  @Test
  void answersGoneForCompactedResourceVersion() {
    create("default", "c1", "");
    create("default", "c2", "");
    cluster.server().store().compact(cluster.server().store().currentRevision());
    List<JsonNode> events =
        watch("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1", null);
    await().atMost(5, TimeUnit.SECONDS).until(() -> !events.isEmpty());
    assertThat(events.get(0).path("type").asText()).isEqualTo("ERROR");
    assertThat(events.get(0).path("object").path("code").asInt()).isEqualTo(410);
  }

  @Test
  void endsAfterTimeoutSeconds() throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r =
        cluster
            .client()
            .send(
                cluster
                    .request(
                        "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&resourceVersion="
                            + cluster.server().store().currentRevision())
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void streamsTablesForGetWatch() {
    cluster.post(
        "/api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"w3\"}}");
    List<JsonNode> events =
        watch(
            "/api/v1/namespaces/w3/configmaps?watch=true",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
    create("w3", "t1", "");
    create("w3", "t2", "");
    await().atMost(5, TimeUnit.SECONDS).until(() -> events.size() >= 2);
    assertThat(events.get(0).path("object").path("kind").asText()).isEqualTo("Table");
    assertThat(events.get(0).path("object").path("columnDefinitions")).isNotEmpty();
    assertThat(events.get(1).path("object").path("columnDefinitions")).isEmpty();
    assertThat(events.get(1).path("object").path("rows")).hasSize(1);
  }
}
