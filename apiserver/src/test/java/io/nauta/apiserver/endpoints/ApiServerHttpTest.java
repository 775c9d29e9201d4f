package io.nauta.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.apiserver.testing.TestCluster;
import io.nauta.apiserver.testing.TestCluster.Response;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The API over real HTTPS: authentication, versions, CRUD semantics, pagination and tables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerHttpTest {
  private TestCluster cluster;

  @BeforeAll
  void start() throws Exception {
    cluster = new TestCluster();
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  private static String configMap(String name, String labels) {
    return """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s","labels":{%s}},"data":{"k":"v"}}
        """
        .formatted(name, labels);
  }

  @Test
  void rejectsRequestsWithoutCredentials() {
    Response r = cluster.send(cluster.anonymous("/api/v1/namespaces").GET().build());
    assertThat(r.code()).isEqualTo(401);
    assertThat(r.json().path("kind").asText()).isEqualTo("Status");
    assertThat(r.json().path("reason").asText()).isEqualTo("Unauthorized");
  }

  @Test
  void rejectsUnknownBearerToken() {
    Response r =
        cluster.send(
            cluster
                .anonymous("/api/v1/namespaces")
                .header("Authorization", "Bearer nope")
                .GET()
                .build());
    assertThat(r.code()).isEqualTo(401);
  }

  @Test
  void acceptsAdminClientCertificateOverHttp2() throws Exception {
    HttpResponse<String> r =
        cluster
            .certClient()
            .send(
                cluster.anonymous("/api/v1/namespaces/default").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
  }

  @Test
  void servesHttp11Too() throws Exception {
    HttpClient h1 =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(cluster.client().sslContext())
            .build();
    HttpResponse<String> r =
        h1.send(
            cluster.request("/version").version(HttpClient.Version.HTTP_1_1).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void reportsKubernetes132Version() {
    JsonNode v = cluster.send(cluster.anonymous("/version").GET().build()).json();
    assertThat(v.path("major").asText()).isEqualTo("1");
    assertThat(v.path("minor").asText()).isEqualTo("32");
  }

  @Test
  void healthEndpointsAnswerOk() {
    for (String p : List.of("/healthz", "/livez", "/readyz")) {
      Response r = cluster.send(cluster.anonymous(p).GET().build());
      assertThat(r.code()).as(p).isEqualTo(200);
      assertThat(r.text()).isEqualTo("ok");
    }
  }

  @Test
  void systemNamespacesExist() {
    JsonNode list = cluster.get("/api/v1/namespaces").json();
    List<String> names = new ArrayList<>();
    list.path("items").forEach(n -> names.add(n.path("metadata").path("name").asText()));
    assertThat(names).contains("default", "kube-system", "kube-public", "kube-node-lease");
  }

  @Test
  void createGetUpdateDeleteWithOptimisticConcurrency() {
    Response created = cluster.post("/api/v1/namespaces/default/configmaps", configMap("crud", ""));
    assertThat(created.code()).isEqualTo(201);
    JsonNode meta = created.json().path("metadata");
    assertThat(meta.path("uid").asText()).isNotEmpty();
    assertThat(meta.path("creationTimestamp").asText()).endsWith("Z");
    String rv = meta.path("resourceVersion").asText();

    Response dup = cluster.post("/api/v1/namespaces/default/configmaps", configMap("crud", ""));
    assertThat(dup.code()).isEqualTo(409);
    assertThat(dup.json().path("reason").asText()).isEqualTo("AlreadyExists");

    String updated =
        """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"crud","resourceVersion":"%s"},"data":{"k":"v2"}}
        """
            .formatted(rv);
    Response ok = cluster.put("/api/v1/namespaces/default/configmaps/crud", updated);
    assertThat(ok.code()).as(ok.text()).isEqualTo(200);
    assertThat(ok.json().path("data").path("k").asText()).isEqualTo("v2");
    assertThat(ok.json().path("metadata").path("uid")).isEqualTo(meta.path("uid"));

    Response stale = cluster.put("/api/v1/namespaces/default/configmaps/crud", updated);
    assertThat(stale.code()).isEqualTo(409);
    assertThat(stale.json().path("reason").asText()).isEqualTo("Conflict");
    assertThat(stale.json().path("message").asText())
        .contains("the object has been modified; please apply your changes to the latest version");

    Response deleted = cluster.delete("/api/v1/namespaces/default/configmaps/crud");
    assertThat(deleted.code()).isEqualTo(200);
    Response gone = cluster.get("/api/v1/namespaces/default/configmaps/crud");
    assertThat(gone.code()).isEqualTo(404);
    assertThat(gone.json().path("message").asText()).isEqualTo("configmaps \"crud\" not found");
  }

  @Test
  void generateNameMakesUniqueNames() {
    String body =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"gen-\"}}";
    String a =
        cluster
            .post("/api/v1/namespaces/default/configmaps", body)
            .json()
            .path("metadata")
            .path("name")
            .asText();
    String b =
        cluster
            .post("/api/v1/namespaces/default/configmaps", body)
            .json()
            .path("metadata")
            .path("name")
            .asText();
    assertThat(a).startsWith("gen-").hasSize(9).isNotEqualTo(b);
  }

  @Test
  void listsWithLabelSelectorsAndPages() {
    cluster.post(
        "/api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"paging\"}}");
    for (int i = 0; i < 25; i++) {
      String tier = i % 2 == 0 ? "\"tier\":\"web\"" : "\"tier\":\"db\"";
      assertThat(
              cluster
                  .post("/api/v1/namespaces/paging/configmaps", configMap("cm-" + i, tier))
                  .code())
          .isEqualTo(201);
    }
    List<String> seen = new ArrayList<>();
    String cont = "";
    int pages = 0;
    do {
      JsonNode page =
          cluster
              .get(
                  "/api/v1/namespaces/paging/configmaps?limit=10"
                      + (cont.isEmpty() ? "" : "&continue=" + cont))
              .json();
      page.path("items").forEach(i -> seen.add(i.path("metadata").path("name").asText()));
      cont = page.path("metadata").path("continue").asText("");
      pages++;
    } while (!cont.isEmpty());
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(25).doesNotHaveDuplicates();

    JsonNode web =
        cluster.get("/api/v1/namespaces/paging/configmaps?labelSelector=tier%3Dweb").json();
    assertThat(web.path("items")).hasSize(13);
    JsonNode notWeb =
        cluster.get("/api/v1/namespaces/paging/configmaps?labelSelector=tier+notin+(web)").json();
    assertThat(notWeb.path("items")).hasSize(12);
    JsonNode byName =
        cluster
            .get("/api/v1/namespaces/paging/configmaps?fieldSelector=metadata.name%3Dcm-3")
            .json();
    assertThat(byName.path("items")).hasSize(1);
    JsonNode all = cluster.get("/api/v1/configmaps?labelSelector=tier").json();
    assertThat(all.path("items").size()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void answersTablesForKubectl() {
    cluster.post("/api/v1/namespaces/default/configmaps", configMap("table", ""));
    Response r =
        cluster.send(
            cluster
                .request("/api/v1/namespaces/default/configmaps")
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .GET()
                .build());
    assertThat(r.contentType()).contains("as=Table");
    JsonNode t = r.json();
    assertThat(t.path("kind").asText()).isEqualTo("Table");
    assertThat(t.path("columnDefinitions").get(0).path("name").asText()).isEqualTo("Name");
    assertThat(t.path("rows").size()).isGreaterThanOrEqualTo(1);
    assertThat(t.path("rows").get(0).path("object").path("kind").asText())
        .isEqualTo("PartialObjectMetadata");
  }

  @Test
  void aggregatedDiscoveryAnswersWithItsMediaType() {
    Response r =
        cluster.send(
            cluster
                .request("/apis")
                .header(
                    "Accept",
                    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")
                .GET()
                .build());
    assertThat(r.contentType()).contains("as=APIGroupDiscoveryList");
    List<String> groups = new ArrayList<>();
    r.json().path("items").forEach(i -> groups.add(i.path("metadata").path("name").asText()));
    assertThat(groups).contains("apps", "batch", "coordination.k8s.io");
  }

  @Test
  void legacyDiscoveryListsResourcesWithVerbs() {
    JsonNode core = cluster.get("/api/v1").json();
    assertThat(core.path("kind").asText()).isEqualTo("APIResourceList");
    boolean podsStatus = false;
    for (JsonNode r : core.path("resources")) {
      podsStatus |= r.path("name").asText().equals("pods/status");
    }
    assertThat(podsStatus).isTrue();
    assertThat(cluster.get("/apis/apps").json().path("preferredVersion").path("version").asText())
        .isEqualTo("v1");
  }

  @Test
  void terminatingNamespaceRefusesNewObjects() {
    cluster.post(
        "/api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"doomed\"}}");
    cluster.post("/api/v1/namespaces/doomed/configmaps", configMap("keep", ""));
    // a finalizer on the content keeps the namespace Terminating long enough to observe it
    cluster.patch(
        "/api/v1/namespaces/doomed/configmaps/keep",
        "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":[\"test/hold\"]}}");
    assertThat(cluster.delete("/api/v1/namespaces/doomed").code()).isIn(200, 202);
    Response r = cluster.post("/api/v1/namespaces/doomed/configmaps", configMap("late", ""));
    assertThat(r.code()).isEqualTo(403);
    assertThat(r.json().path("message").asText()).contains("because it is being terminated");
    assertThat(
            cluster.get("/api/v1/namespaces/doomed").json().path("status").path("phase").asText())
        .isEqualTo("Terminating");
    cluster.patch(
        "/api/v1/namespaces/doomed/configmaps/keep",
        "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":null}}");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(15))
        .until(() -> cluster.get("/api/v1/namespaces/doomed").code() == 404);
  }

  @Test
  void systemNamespacesCannotBeDeleted() {
    Response r = cluster.delete("/api/v1/namespaces/default");
    assertThat(r.code()).isEqualTo(403);
  }

  @Test
  void finalizersDelayDeletionUntilRemoved() {
    cluster.post(
        "/api/v1/namespaces/default/configmaps",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"fin\",\"finalizers\":[\"example.com/x\"]}}");
    Response d = cluster.delete("/api/v1/namespaces/default/configmaps/fin");
    assertThat(d.code()).isEqualTo(202);
    JsonNode obj = cluster.get("/api/v1/namespaces/default/configmaps/fin").json();
    assertThat(obj.path("metadata").path("deletionTimestamp").isTextual()).isTrue();
    Response p =
        cluster.patch(
            "/api/v1/namespaces/default/configmaps/fin",
            "application/json-patch+json",
            "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
    assertThat(p.code()).as(p.text()).isEqualTo(200);
    assertThat(cluster.get("/api/v1/namespaces/default/configmaps/fin").code()).isEqualTo(404);
  }

  @Test
  void statusIsWrittenOnlyThroughStatusSubresourceAndGenerationTracksSpec() {
    String dep =
        """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}},
         "status":{"replicas":7}}
        """;
    Response c = cluster.post("/apis/apps/v1/namespaces/default/deployments", dep);
    assertThat(c.code()).as(c.text()).isEqualTo(201);
    assertThat(c.json().path("status").path("replicas").asInt(0)).isZero();
    assertThat(c.json().path("metadata").path("generation").asLong()).isEqualTo(1);

    Response s =
        cluster.patch(
            "/apis/apps/v1/namespaces/default/deployments/web/status",
            "application/merge-patch+json",
            "{\"status\":{\"replicas\":3}}");
    assertThat(s.code()).as(s.text()).isEqualTo(200);
    assertThat(s.json().path("status").path("replicas").asInt()).isEqualTo(3);
    assertThat(s.json().path("metadata").path("generation").asLong()).isEqualTo(1);

    Response m =
        cluster.patch(
            "/apis/apps/v1/namespaces/default/deployments/web",
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":2},\"status\":{\"replicas\":9}}");
    assertThat(m.json().path("status").path("replicas").asInt()).isEqualTo(3);
    assertThat(m.json().path("metadata").path("generation").asLong()).isEqualTo(2);

    Response l =
        cluster.patch(
            "/apis/apps/v1/namespaces/default/deployments/web",
            "application/merge-patch+json",
            "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
    assertThat(l.json().path("metadata").path("generation").asLong()).isEqualTo(2);

    Response scale = cluster.get("/apis/apps/v1/namespaces/default/deployments/web/scale");
    assertThat(scale.json().path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.json().path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(scale.json().path("status").path("selector").asText()).isEqualTo("app=web");
    Response scaled =
        cluster.patch(
            "/apis/apps/v1/namespaces/default/deployments/web/scale",
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":5}}");
    assertThat(scaled.json().path("spec").path("replicas").asInt()).isEqualTo(5);
  }

  @Test
  void bindsPodsThroughBindingSubresource() {
    cluster.post(
        "/api/v1/namespaces/default/pods",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"bindme\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
    Response b =
        cluster.post(
            "/api/v1/namespaces/default/pods/bindme/binding",
            "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"bindme\"},\"target\":{\"kind\":\"Node\",\"name\":\"n1\"}}");
    assertThat(b.code()).as(b.text()).isEqualTo(201);
    JsonNode pod = cluster.get("/api/v1/namespaces/default/pods/bindme").json();
    assertThat(pod.path("spec").path("nodeName").asText()).isEqualTo("n1");
    Response again =
        cluster.post(
            "/api/v1/namespaces/default/pods/bindme/binding",
            "{\"target\":{\"kind\":\"Node\",\"name\":\"n2\"}}");
    assertThat(again.code()).isEqualTo(409);
  }

  @Test
  void servesMetricsInPrometheusFormat() {
    cluster.get("/api/v1/namespaces");
    Response m = cluster.get("/metrics");
    assertThat(m.code()).isEqualTo(200);
    assertThat(m.text())
        .contains("apiserver_request_total")
        .contains("apiserver_request_duration_seconds_bucket");
  }

  @Test
  void survivesRequestsAfterErrors() {
    HttpRequest bad =
        cluster
            .request("/api/v1/namespaces/default/configmaps")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{"))
            .build();
    assertThat(cluster.send(bad).code()).isEqualTo(400);
    assertThat(cluster.get("/api/v1/namespaces/default").code()).isEqualTo(200);
  }
}
