package io.nauta.controllers.podautoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.nauta.controllers.podautoscaler.ReplicaCalculator.Calculation;
import io.nauta.controllers.podautoscaler.ResourceMetricsClient.PodMetric;
import io.nauta.controllers.podautoscaler.ResourceMetricsClient.PodMetricsInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaCalculatorTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Instant LONG_AGO = NOW.minus(Duration.ofHours(1));
  private static final ReplicaCalculator CALC =
      new ReplicaCalculator(ReplicaCalculator.Config.DEFAULTS);

  /** A pod as the rows describe it: its phase, readiness and cpu usage (null: no sample). */
  record P(String phase, boolean ready, Long usedMilli) {
    static P ready(long used) {
      return new P("Running", true, used);
    }

    static P unready(long used) {
      return new P("Running", false, used);
    }

    static P pending() {
      return new P("Pending", false, null);
    }

    static P missing() {
      return new P("Running", true, null);
    }
  }

  static Pod pod(String name, String phase, boolean ready, String request, Instant started) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withNewResources()
        .withRequests(
            request == null
                ? Map.of()
                : Map.of("cpu", new Quantity(request), "memory", new Quantity(request)))
        .endResources()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .withStartTime(started.toString())
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withLastTransitionTime(started.toString())
        .endCondition()
        .endStatus()
        .build();
  }

  private static Calculation utilization(int current, int target, String request, List<P> rows) {
    List<Pod> pods = new ArrayList<>();
    Map<String, PodMetric> samples = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      P row = rows.get(i);
      String name = "p" + i;
      pods.add(pod(name, row.phase(), row.ready(), request, LONG_AGO));
      if (row.usedMilli() != null) {
        samples.put(name, new PodMetric(row.usedMilli(), NOW, Duration.ofSeconds(30)));
      }
    }
    return CALC.utilization(
        current, target, "cpu", "", pods, new PodMetricsInfo(samples, NOW), NOW);
  }

  static Stream<Arguments> utilizationRows() {
    return Stream.of(
        Arguments.of(
            "scales up by the ratio of usage to target",
            3,
            30,
            List.of(P.ready(300), P.ready(500), P.ready(700)),
            5,
            50),
        Arguments.of(
            "keeps the replicas within the 10% tolerance",
            3, 30, List.of(P.ready(300), P.ready(320), P.ready(340)), 3, 32),
        Arguments.of(
            "scales down by the ratio",
            3,
            50,
            List.of(P.ready(100), P.ready(100), P.ready(100)),
            1,
            10),
        Arguments.of(
            "counts pods without metrics as at their request on a scale-down",
            4,
            50,
            List.of(P.ready(100), P.ready(100), P.ready(100), P.missing()),
            3,
            10),
        Arguments.of(
            "never lets pods without metrics turn a scale-up into a scale-down",
            3,
            50,
            List.of(P.ready(1000), P.missing(), P.missing()),
            3,
            100),
        Arguments.of(
            "counts unready pods as idle on a scale-up and leaves them out of the utilization",
            3,
            30,
            List.of(P.unready(300), P.ready(500), P.ready(700)),
            4,
            60),
        Arguments.of(
            "never lets unready pods turn a scale-up into a scale-down",
            5,
            50,
            List.of(P.unready(100), P.unready(100), P.unready(100), P.ready(1000), P.ready(1000)),
            5,
            100),
        Arguments.of(
            "counts pending pods as idle on a scale-up",
            3,
            30,
            List.of(P.pending(), P.ready(500), P.ready(700)),
            4,
            60),
        Arguments.of(
            "ignores unready pods on a scale-down",
            5,
            50,
            List.of(P.ready(100), P.ready(300), P.ready(500), P.unready(250), P.unready(250)),
            2,
            30));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("utilizationRows")
  void utilizationTarget(
      String name, int current, int target, List<P> pods, int replicas, int utilization) {
    Calculation c = utilization(current, target, "1000m", pods);
    assertThat(c).isInstanceOf(Calculation.Replicas.class);
    Calculation.Replicas r = (Calculation.Replicas) c;
    assertThat(r.replicas()).isEqualTo(replicas);
    assertThat(r.utilization()).isEqualTo(utilization);
  }

  @Test
  void averageValueTargetScalesByTheAverageUsage() {
    List<Pod> pods =
        List.of(
            pod("a", "Running", true, "1Gi", LONG_AGO), pod("b", "Running", true, "1Gi", LONG_AGO));
    long mi = 1024L * 1024 * 1000;
    Map<String, PodMetric> samples =
        Map.of(
            "a", new PodMetric(200 * mi, NOW, Duration.ofSeconds(30)),
            "b", new PodMetric(400 * mi, NOW, Duration.ofSeconds(30)));
    Calculation c =
        CALC.averageValue(2, 150 * mi, "memory", "", pods, new PodMetricsInfo(samples, NOW), NOW);
    assertThat(c).isEqualTo(new Calculation.Replicas(4, 0, 300 * mi, NOW));

    Calculation within =
        CALC.averageValue(2, 290 * mi, "memory", "", pods, new PodMetricsInfo(samples, NOW), NOW);
    assertThat(((Calculation.Replicas) within).replicas()).isEqualTo(2);
  }

  @Test
  void cpuSamplesOfPodsStillInitializingCountOnlyAWindowAfterReadiness() {
    Instant started = NOW.minusSeconds(20);
    Pod fresh = pod("fresh", "Running", true, "1000m", started);
    Pod old = pod("old", "Running", true, "1000m", LONG_AGO);
    Map<String, PodMetric> samples = new HashMap<>();
    // the fresh pod's sample covers 30 s, partly before it was ready: not trusted
    samples.put("fresh", new PodMetric(900, NOW, Duration.ofSeconds(30)));
    samples.put("old", new PodMetric(900, NOW, Duration.ofSeconds(30)));
    var groups = CALC.group(List.of(fresh, old), samples, "cpu", NOW);
    assertThat(groups.unready()).containsExactly("fresh");
    assertThat(groups.readyCount()).isEqualTo(1);
    // memory samples are always trusted
    assertThat(CALC.group(List.of(fresh, old), samples, "memory", NOW).readyCount()).isEqualTo(2);
    // once a window has passed since it became ready, it counts
    samples.put("fresh", new PodMetric(900, NOW.plusSeconds(15), Duration.ofSeconds(30)));
    assertThat(CALC.group(List.of(fresh, old), samples, "cpu", NOW).readyCount()).isEqualTo(2);
  }

  @Test
  void deletedAndFailedPodsAreIgnored() {
    Pod failed = pod("failed", "Failed", false, "1000m", LONG_AGO);
    Pod deleting = pod("deleting", "Running", true, "1000m", LONG_AGO);
    deleting.getMetadata().setDeletionTimestamp(NOW.toString());
    var groups = CALC.group(List.of(failed, deleting), Map.of(), "cpu", NOW);
    assertThat(groups.ignored()).containsExactlyInAnyOrder("failed", "deleting");
  }

  @Test
  void failsWithoutPodsSamplesOrRequests() {
    assertThat(utilization(1, 50, "1000m", List.of()))
        .isEqualTo(
            new Calculation.Failure(
                "no pods returned by selector while calculating replica count"));
    assertThat(utilization(1, 50, "1000m", List.of(P.pending())))
        .isEqualTo(
            new Calculation.Failure(
                "did not receive metrics for targeted pods (pods might be unready)"));
    assertThat(utilization(1, 50, null, List.of(P.ready(100))))
        .isEqualTo(new Calculation.Failure("missing request for cpu in container app of Pod p0"));
  }
}
