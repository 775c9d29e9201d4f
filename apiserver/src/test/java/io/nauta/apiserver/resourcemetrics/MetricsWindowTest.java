package io.nauta.apiserver.resourcemetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsWindowTest {
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  private static final Instant STARTED = Instant.parse("2024-03-01T09:00:00Z");
  private final MetricsWindow window = new MetricsWindow(Duration.ofSeconds(15));

  private static Summary.Usage usage(Instant at, Long cpu, Long cores, long ws) {
    return new Summary.Usage(at, cpu, cores, ws);
  }

  private static Summary summary(
      Instant at, long nodeCpu, Long nodeCores, Instant started, Long cpu, Long cores) {
    return new Summary(
        "n1",
        usage(at, nodeCpu, nodeCores, 8_000),
        List.of(
            new Summary.PodUsage(
                "default",
                "web",
                List.of(
                    new Summary.ContainerUsage("c", started, usage(at, cpu, cores, 4096)),
                    new Summary.ContainerUsage(
                        "side", STARTED, usage(at, 10_000_000_000L, 1_000L, 1024))))));
  }

  @Test
  void theRateIsTheCumulativeCpuTimesChangeOverTheTimeBetweenTwoSamples() {
    window.replace(Map.of("n1", summary(T0, 0, null, STARTED, 1_000_000_000L, null)));
    // 2.5 s of CPU in 10.5 s
    Instant t1 = T0.plusMillis(10_500);
    window.replace(Map.of("n1", summary(t1, 21_000_000_000L, 5L, STARTED, 3_500_000_000L, 7L)));

    MetricsWindow.PodPoint pod = window.pod("default", "web").orElseThrow();
    assertThat(pod.timestamp()).isEqualTo(t1);
    assertThat(pod.window()).isEqualTo(Duration.ofMillis(10_500));
    assertThat(pod.containers())
        .containsExactly(
            new MetricsWindow.ContainerPoint("c", 238_095_238L, 4096),
            new MetricsWindow.ContainerPoint("side", 0, 1024));
    MetricsWindow.Point node = window.node("n1").orElseThrow();
    assertThat(node.nanoCores()).isEqualTo(2_000_000_000L);
    assertThat(node.workingSetBytes()).isEqualTo(8_000);
  }

  @Test
  void aFirstSampleUsesTheRateTheNodeMeasuredOverOneResolution() {
    window.replace(Map.of("n1", summary(T0, 0, 300L, STARTED, 1_000L, 250_000_000L)));
    MetricsWindow.PodPoint pod = window.pod("default", "web").orElseThrow();
    assertThat(pod.window()).isEqualTo(Duration.ofSeconds(15));
    assertThat(pod.containers().get(0).nanoCores()).isEqualTo(250_000_000L);
    assertThat(window.node("n1").orElseThrow().nanoCores()).isEqualTo(300);
  }

  @Test
  void aPodWithAContainerWithoutAnyRateIsAbsent() {
    window.replace(Map.of("n1", summary(T0, 0, null, STARTED, 1_000L, null)));
    assertThat(window.pod("default", "web")).isEmpty();
    assertThat(window.node("n1")).isEmpty();
  }

  @Test
  void aRestartedContainerIsNotComparedWithItsPredecessor() {
    window.replace(Map.of("n1", summary(T0, 0, null, STARTED, 9_000_000_000L, null)));
    Instant restarted = T0.plusSeconds(5);
    window.replace(
        Map.of("n1", summary(T0.plusSeconds(10), 1, null, restarted, 9_500_000_000L, null)));
    // the counter grew, but of another container: no rate and no node rate of its own
    assertThat(window.pod("default", "web")).isEmpty();
  }

  @Test
  void aCounterThatWentBackFallsBackToTheMeasuredRate() {
    window.replace(Map.of("n1", summary(T0, 0, null, STARTED, 9_000L, null)));
    window.replace(Map.of("n1", summary(T0.plusSeconds(10), 1, null, STARTED, 10L, 42L)));
    assertThat(window.pod("default", "web").orElseThrow().containers().get(0).nanoCores())
        .isEqualTo(42);
  }

  @Test
  void nodesMissingFromARoundLoseTheirMetrics() {
    window.replace(Map.of("n1", summary(T0, 0, 5L, STARTED, 1L, 1L)));
    assertThat(window.node("n1")).isPresent();
    window.replace(Map.of());
    assertThat(window.node("n1")).isEmpty();
    assertThat(window.pod("default", "web")).isEmpty();
  }
}
