package io.nauta.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.apiserver.pki.CertificateAuthority;
import io.nauta.apiserver.testing.TestCluster;
import io.nauta.apiserver.testing.TestCluster.Response;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code metrics.k8s.io/v1beta1} API of a real API server scraping every 500 ms: a simulated
 * node's pods (usage from requests and annotations) and a node agent's stats summary (a fake agent
 * over HTTPS with the API server's client certificate; another that never answers), read as kubectl
 * top reads them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceMetricsHttpTest {
  private static final String API = "/apis/metrics.k8s.io/v1beta1";
  private TestCluster cluster;
  private FakeAgent agent;

  @BeforeAll
  void start() throws Exception {
    cluster = new TestCluster(Files.createTempDirectory("nauta-test"), 200, Duration.ofMillis(500));
    agent = new FakeAgent(CertificateAuthority.loadOrCreate(cluster.dir().resolve("tls")));
    agent.statsNode = "real-0";
    node("sim-0", "{\"nauta.io/simulated\":\"true\"}", 1);
    node("real-0", "{}", agent.port());
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    // an agent that does not answer has no metrics and holds nobody else's back
    node("dead-0", "{}", closed);
    pod("half", "sim-0", "{\"app\":\"web\"}", "{}");
    pod("busy", "sim-0", "{\"app\":\"batch\"}", "{\"simulator.nauta.io/cpu-usage\":\"900m\"}");
    pod("web", "real-0", "{\"app\":\"real\"}", "{}");
  }

  @AfterAll
  void stop() throws Exception {
    agent.close();
    cluster.close();
  }

  @Test
  void theGroupIsInLegacyAndAggregatedDiscovery() {
    JsonNode resources = cluster.get(API).json().path("resources");
    List<String> names = new ArrayList<>();
    resources.forEach(r -> names.add(r.path("name").asText() + "=" + r.path("verbs")));
    assertThat(names)
        .containsExactlyInAnyOrder("nodes=[\"get\",\"list\"]", "pods=[\"get\",\"list\"]");
    assertThat(cluster.get("/apis").text()).contains("\"metrics.k8s.io/v1beta1\"");
    Response aggregated =
        cluster.send(
            cluster
                .request("/apis")
                .header(
                    "Accept",
                    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
                .GET()
                .build());
    assertThat(aggregated.text()).contains("\"PodMetrics\"", "\"NodeMetrics\"");
  }

  @Test
  void simulatedPodsUseHalfTheirRequestsOrWhatTheirAnnotationSays() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        cluster
                            .get(API + "/namespaces/default/pods?labelSelector=app%3Dweb")
                            .json()
                            .path("items"))
                    .hasSize(1));
    JsonNode list = cluster.get(API + "/namespaces/default/pods?labelSelector=app%3Dweb").json();
    assertThat(list.path("kind").asText()).isEqualTo("PodMetricsList");
    JsonNode half = list.path("items").get(0);
    assertThat(half.path("metadata").path("name").asText()).isEqualTo("half");
    assertThat(half.path("metadata").path("labels").path("app").asText()).isEqualTo("web");
    assertThat(half.path("containers").get(0).path("usage").path("cpu").asText()).isEqualTo("250m");
    assertThat(half.path("containers").get(0).path("usage").path("memory").asText())
        .isEqualTo("32Mi");
    assertThat(half.path("window").asText()).isEqualTo("500ms");
    JsonNode busy = cluster.get(API + "/namespaces/default/pods/busy").json();
    assertThat(busy.path("kind").asText()).isEqualTo("PodMetrics");
    assertThat(busy.path("containers").get(0).path("usage").path("cpu").asText()).isEqualTo("900m");
    JsonNode byName =
        cluster.get(API + "/namespaces/default/pods?fieldSelector=metadata.name%3Dbusy").json();
    assertThat(byName.path("items")).hasSize(1);
    assertThat(byName.at("/items/0/metadata/name").asText()).isEqualTo("busy");
    JsonNode node = cluster.get(API + "/nodes/sim-0").json();
    assertThat(node.path("kind").asText()).isEqualTo("NodeMetrics");
    assertThat(node.path("usage").path("cpu").asText()).isEqualTo("1150m");
  }

  @Test
  void anAgentsCumulativeCountersGiveARateOverTheTimeBetweenTwoScrapes() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonNode web = cluster.get(API + "/namespaces/default/pods/web").json();
              assertThat(web.path("kind").asText()).as(web.toString()).isEqualTo("PodMetrics");
              // half a core, within the fake's timing noise
              long nanos =
                  io.nauta.api.quantity.Quantity.parse(
                          web.path("containers").get(0).path("usage").path("cpu").asText())
                      .scaledValue(-9);
              assertThat(nanos).isBetween(400_000_000L, 600_000_000L);
              assertThat(web.path("containers").get(0).path("usage").path("memory").asText())
                  .isEqualTo("3Mi");
            });
    JsonNode nodes = cluster.get(API + "/nodes").json();
    assertThat(nodes.path("kind").asText()).isEqualTo("NodeMetricsList");
    List<String> names = new ArrayList<>();
    nodes.path("items").forEach(n -> names.add(n.path("metadata").path("name").asText()));
    assertThat(names).containsExactlyInAnyOrder("sim-0", "real-0");
    assertThat(agent.seen)
        .anySatisfy(
            s -> {
              assertThat(s.requestLine()).startsWith("GET /stats/summary");
              assertThat(s.peer()).contains("CN=nauta-apiserver-kubelet-client");
            });
  }

  @Test
  void allNamespacesAndTablesAsKubectlAsksForThem() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(cluster.get(API + "/pods").json().path("items")).hasSize(3));
    Response table =
        cluster.send(
            cluster
                .request(API + "/namespaces/default/pods/busy")
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .GET()
                .build());
    JsonNode t = table.json();
    assertThat(t.path("kind").asText()).isEqualTo("Table");
    assertThat(t.path("columnDefinitions").toString()).contains("CPU", "Memory", "Window");
    assertThat(t.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("busy");
    assertThat(t.path("rows").get(0).path("cells").get(1).asText()).isEqualTo("900m");
    // kubectl's clients ask for protobuf first: there is no message for these kinds, JSON it is
    Response proto =
        cluster.send(
            cluster
                .request(API + "/nodes")
                .header("Accept", "application/vnd.kubernetes.protobuf,application/json")
                .GET()
                .build());
    assertThat(proto.code()).isEqualTo(200);
    assertThat(proto.contentType()).startsWith("application/json");
  }

  @Test
  void objectsWithoutMetricsAreNotFound() {
    Response r = cluster.get(API + "/namespaces/default/pods/nothing");
    assertThat(r.code()).isEqualTo(404);
    assertThat(r.json().path("message").asText())
        .isEqualTo("podmetrics.metrics.k8s.io \"nothing\" not found");
    assertThat(cluster.get(API + "/nodes/nothing").code()).isEqualTo(404);
    assertThat(
            cluster
                .get(API + "/namespaces/default/pods?labelSelector=app%3Dnone")
                .json()
                .path("items"))
        .isEmpty();
  }

  @Test
  void theApiIsReadOnly() {
    assertThat(cluster.post(API + "/namespaces/default/pods", "{}").code()).isEqualTo(405);
    Response delete = cluster.delete(API + "/nodes/sim-0");
    assertThat(delete.code()).isEqualTo(405);
    assertThat(delete.json().path("reason").asText()).isEqualTo("MethodNotAllowed");
    assertThat(cluster.get(API + "/namespaces/default/pods?watch=true").code()).isEqualTo(405);
  }

  private void node(String name, String labels, int port) {
    Response created =
        cluster.post(
            "/api/v1/nodes",
            "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"%s\",\"labels\":%s}}"
                .formatted(name, labels));
    assertThat(created.code()).as(created.text()).isEqualTo(201);
    String status =
        """
        {"status":{"addresses":[{"type":"InternalIP","address":"127.0.0.1"}],
                   "daemonEndpoints":{"kubeletEndpoint":{"Port":%d}},
                   "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady"}]}}
        """
            .formatted(port);
    Response r =
        cluster.patch("/api/v1/nodes/" + name + "/status", "application/merge-patch+json", status);
    assertThat(r.code()).as(r.text()).isEqualTo(200);
  }

  private void pod(String name, String node, String labels, String annotations) {
    Response created =
        cluster.post(
            "/api/v1/namespaces/default/pods",
            """
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"%s","labels":%s,"annotations":%s},
             "spec":{"nodeName":"%s","containers":[{"name":"c","image":"busybox",
               "resources":{"requests":{"cpu":"500m","memory":"64Mi"}}}]}}
            """
                .formatted(name, labels, annotations, node));
    assertThat(created.code()).as(created.text()).isEqualTo(201);
    Response r =
        cluster.patch(
            "/api/v1/namespaces/default/pods/" + name + "/status",
            "application/merge-patch+json",
            "{\"status\":{\"phase\":\"Running\"}}");
    assertThat(r.code()).as(r.text()).isEqualTo(200);
  }
}
