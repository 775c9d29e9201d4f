package io.nauta.apiserver.resourcemetrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsObjectsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} nanocores print as {1}")
  @CsvSource({
    "0, 0",
    "500000000, 500m",
    "1000000000, 1",
    "1234567, 1234567n",
    "2000, 2u",
    "1500000000, 1500m"
  })
  void cpuPrintsAsMetricsServerPrintsIt(long nanoCores, String text) {
    assertThat(MetricsObjects.cpu(nanoCores)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} bytes print as {1}")
  @CsvSource({"0, 0", "1000, 1k", "1500, 1500", "12288, 12Ki", "1048576, 1Mi", "1049600, 1025Ki"})
  void memoryPrintsInBinaryUnits(long bytes, String text) {
    assertThat(MetricsObjects.memory(bytes)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} is {1} in Go")
  @CsvSource({
    "PT10S, 10s",
    "PT15.008S, 15.008s",
    "PT1M0.5S, 1m0.5s",
    "PT0.5S, 500ms",
    "PT1H2M3S, 1h2m3s",
    "PT0S, 0s"
  })
  void windowsAreGoDurations(String iso, String go) {
    assertThat(MetricsObjects.goDuration(Duration.parse(iso))).isEqualTo(go);
  }

  @Test
  void podMetricsCarryThePodsNameNamespaceLabelsAndEachContainer() throws Exception {
    ObjectNode pod =
        (ObjectNode)
            JSON.readTree(
                """
                {"metadata":{"name":"web","namespace":"shop","labels":{"app":"web"},
                 "uid":"u1","resourceVersion":"7"}}
                """);
    Instant now = Instant.parse("2024-03-01T10:00:20Z");
    ObjectNode m =
        MetricsObjects.podMetrics(
            pod,
            new MetricsWindow.PodPoint(
                Instant.parse("2024-03-01T10:00:12.345Z"),
                Duration.ofMillis(10_020),
                List.of(new MetricsWindow.ContainerPoint("c", 999_800_000L, 2_097_152L))),
            now);
    assertThat(m)
        .isEqualTo(
            JSON.readTree(
                """
                {"kind":"PodMetrics","apiVersion":"metrics.k8s.io/v1beta1",
                 "metadata":{"name":"web","namespace":"shop",
                             "creationTimestamp":"2024-03-01T10:00:20Z","labels":{"app":"web"}},
                 "timestamp":"2024-03-01T10:00:12Z","window":"10.02s",
                 "containers":[{"name":"c","usage":{"cpu":"999800u","memory":"2Mi"}}]}
                """));
  }
}
