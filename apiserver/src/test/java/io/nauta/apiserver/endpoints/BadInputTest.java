package io.nauta.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.apiserver.testing.TestCluster;
import io.nauta.apiserver.testing.TestCluster.Response;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets a Kubernetes Status with the right code, and nothing is stored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private TestCluster cluster;

  @BeforeAll
  void start() throws Exception {
    cluster = new TestCluster();
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  static Stream<Arguments> badBodies() {
    String deep = "{\"a\":".repeat(300) + "1" + "}".repeat(300);
    return Stream.of(
        Arguments.of(
            "truncated JSON", "application/json", "{\"apiVersion\":\"v1\",", 400, "BadRequest"),
        Arguments.of("not an object", "application/json", "[1,2,3]", 400, "BadRequest"),
        Arguments.of(
            "trailing garbage",
            "application/json",
            "{\"kind\":\"ConfigMap\"} x",
            400,
            "BadRequest"),
        Arguments.of(
            "bad YAML", "application/yaml", "kind: ConfigMap\n  metadata: [", 400, "BadRequest"),
        // aliases are not expanded into the tree, so a "billion laughs" body stays small
        Arguments.of(
            "YAML alias bomb",
            "application/yaml",
            "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
            422,
            "Invalid"),
        Arguments.of("deep nesting", "application/json", deep, 400, "BadRequest"),
        Arguments.of("empty body", "application/json", "", 400, "BadRequest"),
        Arguments.of("unknown media type", "text/plain", "hello", 415, "UnsupportedMediaType"),
        Arguments.of(
            "wrong kind",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"}}",
            400,
            "BadRequest"),
        Arguments.of(
            "wrong apiVersion",
            "application/json",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}",
            400,
            "BadRequest"),
        Arguments.of(
            "uppercase name",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Bad_Name\"}}",
            422,
            "Invalid"),
        Arguments.of(
            "missing name",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}",
            422,
            "Invalid"),
        Arguments.of(
            "bad label key",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"labels\":{\"-bad\":\"v\"}}}",
            422,
            "Invalid"),
        Arguments.of(
            "bad label value",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"labels\":{\"ok\":\"not ok\"}}}",
            422,
            "Invalid"),
        Arguments.of(
            "metadata not an object",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":\"x\"}",
            400,
            "BadRequest"),
        Arguments.of(
            "other namespace in body",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"namespace\":\"kube-system\"}}",
            400,
            "BadRequest"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void rejectsBadBodiesWithStatus(
      String why, String contentType, String body, int code, String reason) {
    long before = cluster.server().port();
    Response r =
        cluster.send(
            cluster
                .request("/api/v1/namespaces/default/configmaps")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertThat(r.code()).as(r.text()).isEqualTo(code);
    assertThat(r.json().path("kind").asText()).isEqualTo("Status");
    assertThat(r.json().path("reason").asText()).isEqualTo(reason);
    assertThat(r.json().path("message").asText()).isNotBlank();
    assertThat(cluster.get("/api/v1/namespaces/default/configmaps/x").code()).isEqualTo(404);
    assertThat(before).isPositive();
  }

  @Test
  void invalidNameNamesTheFieldInCauses() {
    Response r =
        cluster.post(
            "/api/v1/namespaces/default/configmaps",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Bad_Name\"}}");
    assertThat(r.json().path("details").path("causes").get(0).path("field").asText())
        .isEqualTo("metadata.name");
    // clients print "field: message", so the cause's message must not repeat the field
    assertThat(r.json().path("details").path("causes").get(0).path("message").asText())
        .startsWith("Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain");
    assertThat(r.json().path("message").asText())
        .startsWith(
            "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\"");
  }

  @Test
  void rejectsOversizeBodyWith413() {
    String big =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\""
            + "x".repeat(3 * 1024 * 1024 + 10)
            + "\"}}";
    Response r = cluster.post("/api/v1/namespaces/default/configmaps", big);
    assertThat(r.code()).isEqualTo(413);
    assertThat(r.json().path("reason").asText()).isEqualTo("RequestEntityTooLarge");
    assertThat(cluster.get("/api/v1/namespaces/default/configmaps/big").code()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badQueries")
  void rejectsBadQueriesWith400(String why, String query) {
    Response r = cluster.get("/api/v1/namespaces/default/configmaps?" + query);
    assertThat(r.code()).as(r.text()).isEqualTo(400);
    assertThat(r.json().path("kind").asText()).isEqualTo("Status");
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of("label selector syntax", "labelSelector=a%20in%20(b"),
        Arguments.of("label selector bad key", "labelSelector=-a%3Db"),
        Arguments.of("unsupported field", "fieldSelector=spec.nodeName%3Dx"),
        Arguments.of("limit not a number", "limit=ten"),
        Arguments.of("bad continue token", "limit=1&continue=notatoken"),
        Arguments.of("bad resourceVersion", "resourceVersion=abc"),
        Arguments.of("match without version", "resourceVersionMatch=Exact"));
  }

  @Test
  void aMalformedLabelSelectorIsExplainedOnce() {
    Response r = cluster.get("/api/v1/namespaces/default/configmaps?labelSelector=a%20in%20(b");
    assertThat(r.json().path("message").asText())
        .isEqualTo("unable to parse requirement: found '', expected: ',' or ')'");
  }

  @Test
  void unknownPathsAre404AndUnknownMethods405() {
    assertThat(cluster.get("/api/v1/nosuchthings").code()).isEqualTo(404);
    assertThat(cluster.get("/apis/nosuch.group/v1").code()).isEqualTo(404);
    Response r =
        cluster.send(
            cluster
                .request("/api/v1/namespaces/default/configmaps/x")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(r.code()).isEqualTo(405);
    assertThat(r.json().path("reason").asText()).isEqualTo("MethodNotAllowed");
  }

  @Test
  void staleResourceVersionListIsGoneAfterCompaction() {
    cluster.post(
        "/api/v1/namespaces/default/configmaps",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"gone-a\"}}");
    long rev = cluster.server().store().currentRevision();
    cluster.post(
        "/api/v1/namespaces/default/configmaps",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"gone-b\"}}");
    cluster.server().store().compact(cluster.server().store().currentRevision());
    Response r =
        cluster.get(
            "/api/v1/namespaces/default/configmaps?resourceVersion="
                + rev
                + "&resourceVersionMatch=Exact");
    assertThat(r.code()).isEqualTo(410);
    assertThat(r.json().path("reason").asText()).isEqualTo("Expired");
  }
}
