package io.nauta.controllers.podautoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricReplicasTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final long MI = 1024L * 1024 * 1000;

  /** Two pods requesting 1 cpu and 1Gi each, using 750m cpu and 300Mi each. */
  private static final List<Pod> PODS =
      List.of(
          ReplicaCalculatorTest.pod("a", "Running", true, "1", NOW.minusSeconds(3600)),
          ReplicaCalculatorTest.pod("b", "Running", true, "1", NOW.minusSeconds(3600)));

  private static final MetricReplicas METRICS =
      new MetricReplicas(
          new ResourceMetricsClient(
              (ns, sel) ->
                  List.of("a", "b").stream()
                      .map(
                          n ->
                              new PodMetrics(
                                  n,
                                  NOW,
                                  Duration.ofSeconds(30),
                                  List.of(
                                      new PodMetrics.ContainerMetrics(
                                          "app", Map.of("cpu", 750L, "memory", 300 * MI)))))
                      .toList()),
          new ReplicaCalculator(ReplicaCalculator.Config.DEFAULTS));

  private static MetricSpec cpu(int percent) {
    return new MetricSpecBuilder()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(percent)
        .endTarget()
        .endResource()
        .build();
  }

  private static MetricSpec memory(String average) {
    return new MetricSpecBuilder()
        .withType("Resource")
        .withNewResource()
        .withName("memory")
        .withNewTarget()
        .withType("AverageValue")
        .withAverageValue(new Quantity(average))
        .endTarget()
        .endResource()
        .build();
  }

  private static MetricSpec pods() {
    return new MetricSpecBuilder()
        .withType("Pods")
        .withNewPods()
        .withNewMetric()
        .withName("qps")
        .endMetric()
        .withNewTarget()
        .withType("AverageValue")
        .withAverageValue(new Quantity("10"))
        .endTarget()
        .endPods()
        .build();
  }

  static Stream<Arguments> rows() {
    String cpuName = "cpu resource utilization (percentage of request)";
    return Stream.of(
        // cpu: 75% of a 25% target → 6; memory: 300Mi of 200Mi → 3
        Arguments.of("the largest proposal wins", List.of(memory("200Mi"), cpu(25)), 6, cpuName),
        Arguments.of(
            "an average value proposal can win",
            List.of(cpu(70), memory("100Mi")),
            6,
            "memory resource"),
        Arguments.of(
            "a failing metric does not stop a scale-up", List.of(pods(), cpu(25)), 6, cpuName),
        Arguments.of("a failing metric stops a scale-down", List.of(pods(), cpu(200)), -1, ""),
        Arguments.of("all metrics failing stop scaling", List.of(pods()), -1, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void severalMetrics(String name, List<MetricSpec> specs, int replicas, String metric) {
    MetricReplicas.Outcome o = METRICS.compute(specs, "default", "app=web", 2, PODS, NOW);
    assertThat(o.replicas()).isEqualTo(replicas);
    assertThat(o.metric()).isEqualTo(metric);
    assertThat(o.statuses()).hasSameSizeAs(specs);
    boolean failing = specs.stream().anyMatch(s -> s.getType().equals("Pods"));
    if (failing) {
      assertThat(o.warnings())
          .extracting(MetricReplicas.Warning::reason)
          .containsExactly("FailedGetPodsMetric");
      assertThat(o.error())
          .startsWith(
              "invalid metrics (1 invalid out of "
                  + specs.size()
                  + "), first error is:"
                  + " failed to get pods metric value: unable to get metric qps:");
      assertThat(o.statuses().get(0).getType()).isEmpty();
    }
    if (replicas < 0) {
      assertThat(o.scalingActive().status()).isFalse();
      assertThat(o.scalingActive().reason()).isEqualTo("FailedGetPodsMetric");
    } else {
      assertThat(o.scalingActive())
          .isEqualTo(
              new Normalization.Condition(
                  "ScalingActive",
                  true,
                  "ValidMetricFound",
                  "the HPA was able to successfully calculate a replica count from " + metric));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void reportsCurrentValuesByIndex(
      String name, List<MetricSpec> specs, int replicas, String metric) {
    MetricReplicas.Outcome o = METRICS.compute(specs, "default", "app=web", 2, PODS, NOW);
    for (int i = 0; i < specs.size(); i++) {
      MetricSpec spec = specs.get(i);
      var status = o.statuses().get(i);
      if (spec.getType().equals("Pods")) {
        continue;
      }
      assertThat(status.getResource().getName()).isEqualTo(spec.getResource().getName());
      if (spec.getResource().getName().equals("cpu")) {
        assertThat(status.getResource().getCurrent().getAverageUtilization()).isEqualTo(75);
        assertThat(status.getResource().getCurrent().getAverageValue())
            .isEqualTo(new Quantity("750m"));
      } else {
        assertThat(status.getResource().getCurrent().getAverageUtilization()).isNull();
        assertThat(status.getResource().getCurrent().getAverageValue())
            .isEqualTo(new Quantity("314572800"));
      }
    }
  }
}
