package io.nauta.controllers.podautoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.controllers.podautoscaler.PodMetrics.ContainerMetrics;
import io.nauta.controllers.podautoscaler.ResourceMetricsClient.Fetch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceMetricsClientTest {
  private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

  private static PodMetrics pod(String name, ContainerMetrics... containers) {
    return new PodMetrics(name, T, Duration.ofSeconds(15), List.of(containers));
  }

  @Test
  void sumsContainersAndDropsPodsWithAContainerLackingTheResource() {
    ResourceMetricsClient client =
        new ResourceMetricsClient(
            (ns, sel) ->
                List.of(
                    pod(
                        "a",
                        new ContainerMetrics("app", Map.of("cpu", 200L)),
                        new ContainerMetrics("sidecar", Map.of("cpu", 50L))),
                    pod(
                        "b",
                        new ContainerMetrics("app", Map.of("cpu", 100L)),
                        new ContainerMetrics("sidecar", Map.of("memory", 5L)))));
    Fetch f = client.resourceMetric("cpu", "default", "app=web", "");
    var byPod = ((Fetch.Metrics) f).info().byPod();
    assertThat(byPod).containsOnlyKeys("a");
    assertThat(byPod.get("a").value()).isEqualTo(250);
    assertThat(((Fetch.Metrics) client.resourceMetric("cpu", "default", "", "app")).info().byPod())
        .containsOnlyKeys("a", "b");
  }

  @Test
  void reportsWhyThereAreNoMetrics() {
    assertThat(new ResourceMetricsClient((ns, sel) -> List.of()).resourceMetric("cpu", "d", "", ""))
        .isEqualTo(new Fetch.Failure("no metrics returned from resource metrics API"));
    ResourceMetricsClient broken =
        new ResourceMetricsClient(
            (ns, sel) -> {
              throw new IllegalStateException("the server could not find the requested resource");
            });
    assertThat(broken.resourceMetric("cpu", "d", "", ""))
        .isEqualTo(
            new Fetch.Failure(
                "unable to fetch metrics from resource metrics API: the server could not find the"
                    + " requested resource"));
    ResourceMetricsClient noContainer =
        new ResourceMetricsClient(
            (ns, sel) -> List.of(pod("a", new ContainerMetrics("app", Map.of("cpu", 1L)))));
    assertThat(noContainer.resourceMetric("cpu", "d", "", "web"))
        .isEqualTo(
            new Fetch.Failure(
                "failed to get container metrics: container web not present in metrics for pod"
                    + " a"));
  }
}
