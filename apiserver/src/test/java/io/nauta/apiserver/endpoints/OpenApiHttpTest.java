package io.nauta.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.testing.TestCluster;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The OpenAPI v3 endpoints over HTTPS: discovery by hash, schemas and HTTP caching. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiHttpTest {
  private TestCluster cluster;

  @BeforeAll
  void start() throws Exception {
    cluster = new TestCluster();
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  private HttpResponse<byte[]> get(String path, String ifNoneMatch) throws Exception {
    HttpRequest.Builder b = cluster.request(path).GET();
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return cluster.client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String appsUrl() {
    return cluster.get("/openapi/v3").json().at("/paths/apis~1apps~1v1/serverRelativeURL").asText();
  }

  @Test
  void documentsCarryKindSchemasThatOperationsReference() throws Exception {
    JsonNode doc = Codec.JSON.readTree(get(appsUrl(), null).body());
    JsonNode schemas = doc.at("/components/schemas");
    assertThat(schemas.has("io.k8s.api.apps.v1.Deployment")).isTrue();
    assertThat(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
    String read =
        doc.at(
                "/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}/get/responses/200/content/application~1json/schema/$ref")
            .asText();
    assertThat(read).isEqualTo("#/components/schemas/io.k8s.api.apps.v1.Deployment");
    String scale =
        doc.at(
                "/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}~1scale/put/requestBody/content/application~1json/schema/$ref")
            .asText();
    assertThat(scale).isEqualTo("#/components/schemas/io.k8s.api.autoscaling.v1.Scale");
  }

  @Test
  void theHashIsAStrongEtagAndTheHashedUrlIsImmutable() throws Exception {
    String url = appsUrl();
    String hash = url.substring(url.indexOf("?hash=") + "?hash=".length());
    HttpResponse<byte[]> r = get(url, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("etag")).hasValue("\"" + hash + "\"");
    assertThat(r.headers().firstValue("cache-control")).hasValue("public, immutable");
    assertThat(r.headers().firstValue("expires")).isPresent();

    HttpResponse<byte[]> again = get("/openapi/v3/apis/apps/v1", "\"" + hash + "\"");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    HttpResponse<byte[]> unhashed = get("/openapi/v3/apis/apps/v1", "\"other\"");
    assertThat(unhashed.statusCode()).isEqualTo(200);
    assertThat(unhashed.headers().firstValue("cache-control")).hasValue("no-cache, private");
    assertThat(unhashed.body()).isEqualTo(r.body());

    HttpResponse<byte[]> stale = get("/openapi/v3/apis/apps/v1?hash=ABC", null);
    assertThat(stale.statusCode()).isEqualTo(301);
    assertThat(stale.headers().firstValue("location")).hasValue(url);
  }

  @Test
  void unknownGroupVersionIsNotFound() throws Exception {
    assertThat(get("/openapi/v3/apis/nope/v1", null).statusCode()).isEqualTo(404);
  }
}
