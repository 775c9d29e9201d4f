package io.nauta.controllers.podautoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics API client against a loopback HTTP server answering as the API server would. */
class ApiPodMetricsSourceTest {
  private static final String LIST =
      """
      {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[
        {"metadata":{"name":"web-1","namespace":"shop"},"timestamp":"2026-06-01T12:00:00Z",
         "window":"10.002717075s","containers":[
           {"name":"app","usage":{"cpu":"250m","memory":"64Mi"}},
           {"name":"log","usage":{"cpu":"1500u","memory":"1Ki"}}]}]}
      """;

  private HttpServer server;
  private KubernetesClient client;
  private final List<URI> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestURI());
          boolean served =
              exchange
                  .getRequestURI()
                  .getPath()
                  .equals("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods");
          byte[] body =
              (served
                      ? LIST
                      : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                          + "\"message\":\"the server could not find the requested resource\","
                          + "\"reason\":\"NotFound\",\"code\":404}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(served ? 200 : 404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void listsPodMetricsBySelectorWithUsageInMilliUnits() {
    List<PodMetrics> pods = new ApiPodMetricsSource(client).list("shop", "app=web,tier in (a,b)");
    assertThat(pods)
        .containsExactly(
            new PodMetrics(
                "web-1",
                Instant.parse("2026-06-01T12:00:00Z"),
                Duration.ofNanos(10_002_717_075L),
                List.of(
                    new PodMetrics.ContainerMetrics(
                        "app", Map.of("cpu", 250L, "memory", 64L * 1024 * 1024 * 1000)),
                    new PodMetrics.ContainerMetrics(
                        "log", Map.of("cpu", 2L, "memory", 1024L * 1000)))));
    URI uri = requests.get(requests.size() - 1);
    assertThat(uri.getPath()).isEqualTo("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods");
    assertThat(URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8))
        .isEqualTo("labelSelector=app=web,tier in (a,b)");
  }

  @Test
  void failsWhenTheMetricsApiIsNotServed() {
    assertThatThrownBy(() -> new ApiPodMetricsSource(client).list("other", "app=web"))
        .hasMessageContaining("could not find the requested resource");
  }
}
