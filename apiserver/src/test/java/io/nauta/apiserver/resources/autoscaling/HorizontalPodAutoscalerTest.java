package io.nauta.apiserver.resources.autoscaling;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static io.nauta.apiserver.resources.TestObjects.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HorizontalPodAutoscalerTest {
  private final HorizontalPodAutoscalerStrategy strategy = new HorizontalPodAutoscalerStrategy();
  private final HorizontalPodAutoscalerV1Converter converter =
      new HorizontalPodAutoscalerV1Converter();

  private static final String V2 =
      """
      {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
       "metadata":{"name":"web","namespace":"default","annotations":{"team":"a"}},
       "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
         "minReplicas":2,"maxReplicas":10,
         "metrics":[
           {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}},
           {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}}],
         "behavior":{"scaleDown":{"stabilizationWindowSeconds":60}}},
       "status":{"currentReplicas":3,"desiredReplicas":4,
         "currentMetrics":[
           {"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":75,"averageValue":"150m"}}},
           {"type":"Resource","resource":{"name":"memory","current":{"averageValue":"300Mi"}}}],
         "conditions":[{"type":"AbleToScale","status":"True","reason":"ReadyForNewScale"}]}}
      """;

  @Test
  void v2ToV1KeepsCpuAsFieldsAndTheRestInAnnotations() {
    ObjectNode v1 = converter.fromStorage(parse(V2));
    assertThat(v1.get("apiVersion").asText()).isEqualTo("autoscaling/v1");
    assertThat(v1.at("/spec/targetCPUUtilizationPercentage").asInt()).isEqualTo(60);
    assertThat(v1.at("/spec").has("metrics")).isFalse();
    assertThat(v1.at("/status/currentCPUUtilizationPercentage").asInt()).isEqualTo(75);
    assertThat(v1.at("/metadata/annotations/autoscaling.alpha.kubernetes.io~1metrics").asText())
        .contains("memory");
    assertThat(v1.at("/metadata/annotations").has("autoscaling.alpha.kubernetes.io/conditions"))
        .isTrue();
    assertThat(v1.at("/metadata/annotations").has("autoscaling.alpha.kubernetes.io/behavior"))
        .isTrue();
    assertThat(v1.at("/metadata/annotations/team").asText()).isEqualTo("a");
  }

  @Test
  void v2RoundTripsThroughV1() {
    ObjectNode v2 = parse(V2);
    ObjectNode back = converter.toStorage(converter.fromStorage(v2));
    // v1 puts the CPU metric after the others, as Kubernetes does
    assertThat(back.at("/spec/metrics/0/resource/name").asText()).isEqualTo("memory");
    assertThat(back.at("/spec/metrics/1")).isEqualTo(v2.at("/spec/metrics/0"));
    ObjectNode expected = v2.deepCopy();
    ObjectNode actual = back.deepCopy();
    ((ObjectNode) expected.get("spec")).remove("metrics");
    ((ObjectNode) actual.get("spec")).remove("metrics");
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void v1RoundTripsThroughV2() {
    ObjectNode v1 =
        parse(
            """
            {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"minReplicas":1,"maxReplicas":5,
               "targetCPUUtilizationPercentage":50},
             "status":{"currentReplicas":1,"desiredReplicas":2,"currentCPUUtilizationPercentage":40}}
            """);
    ObjectNode v2 = converter.toStorage(v1);
    assertThat(v2.at("/spec/metrics").toString())
        .isEqualTo(
            "[{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"target\":{\"type\":\"Utilization\",\"averageUtilization\":50}}}]");
    assertThat(v2.at("/status/currentMetrics/0/resource/current/averageUtilization").asInt())
        .isEqualTo(40);
    ObjectNode back = converter.fromStorage(v2);
    ((ObjectNode) back.get("metadata")).remove("annotations");
    assertThat(back).isEqualTo(v1);
  }

  @Test
  void defaultsMinReplicasMetricAndBehavior() {
    ObjectNode hpa =
        object(
            "{\"spec\":{\"scaleTargetRef\":{\"kind\":\"Deployment\",\"name\":\"web\"},\"maxReplicas\":3,"
                + "\"behavior\":{\"scaleDown\":{\"selectPolicy\":\"Min\"}}}}");
    strategy.prepareForCreate(hpa);
    assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(1);
    assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(80);
    assertThat(hpa.at("/spec/behavior/scaleDown").toString())
        .isEqualTo(
            "{\"selectPolicy\":\"Min\","
                + "\"policies\":[{\"type\":\"Percent\",\"value\":100,\"periodSeconds\":15}]}");
    assertThat(hpa.at("/spec/behavior/scaleUp/policies").size()).isEqualTo(2);
    assertThat(hpa.at("/spec/behavior/scaleUp/stabilizationWindowSeconds").asInt()).isZero();
    assertThat(hpa.get("status").toString()).isEqualTo("{\"desiredReplicas\":0}");
    assertThat(strategy.validate(hpa)).isEmpty();
    assertThat(strategy.cells(hpa, NOW))
        .containsExactly("x", "Deployment/web", "cpu: <unknown>/80%", "1", 3L, 0L, "10m");
  }

  @Test
  void rejectsBadBounds() {
    ObjectNode hpa =
        object(
            "{\"spec\":{\"scaleTargetRef\":{\"kind\":\"Deployment\"},\"minReplicas\":5,\"maxReplicas\":2}}");
    strategy.prepareForCreate(hpa);
    assertThat(messages(strategy.validate(hpa)))
        .containsExactly(
            "spec.maxReplicas: Invalid value: \"2\": must be greater than or equal to `minReplicas`",
            "spec.scaleTargetRef.name: Required value");
  }

  static Stream<Arguments> targets() {
    return Stream.of(
        Arguments.of(V2, "cpu: 75%/60%, memory: 300Mi/500Mi"),
        Arguments.of(
            V2.replace(
                "\"metrics\":[",
                "\"metrics\":[{\"type\":\"Pods\",\"pods\":{\"metric\":{\"name\":\"qps\"},\"target\":{\"type\":\"AverageValue\",\"averageValue\":\"10\"}}},"),
            "<unknown>/10, cpu: <unknown>/60% + 1 more..."));
  }

  @ParameterizedTest
  @MethodSource("targets")
  void printsTargetsAsKubectlDoes(String json, String expected) {
    assertThat(strategy.cells(parse(json), NOW).get(2)).isEqualTo(expected);
  }
}
