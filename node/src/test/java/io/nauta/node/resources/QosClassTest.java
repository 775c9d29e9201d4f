package io.nauta.node.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QosClassTest {
  /** A pod whose containers have {@code resources} (JSON objects, one per container). */
  static Pod pod(String initResources, String... resources) {
    StringBuilder containers = new StringBuilder();
    for (String r : resources) {
      containers.append(containers.isEmpty() ? "" : ",");
      containers.append("{\"name\":\"c").append(containers.length()).append("\",\"resources\":");
      containers.append(r).append('}');
    }
    String inits =
        initResources == null ? "" : "{\"name\":\"i\",\"resources\":" + initResources + "}";
    return Serialization.unmarshal(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","uid":"u-1"},
         "spec":{"initContainers":[%s],"containers":[%s]}}
        """
            .formatted(inits, containers),
        Pod.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          nothing at all                     | {}                                                                                        | BestEffort
          only a non-compute resource        | {"requests":{"ephemeral-storage":"1Gi"}}                                                  | BestEffort
          a cpu request                      | {"requests":{"cpu":"100m"}}                                                               | Burstable
          limits equal to requests           | {"requests":{"cpu":"1","memory":"1Gi"},"limits":{"cpu":"1","memory":"1Gi"}}               | Guaranteed
          limits in other units              | {"requests":{"cpu":"1000m","memory":"1024Mi"},"limits":{"cpu":"1","memory":"1Gi"}}        | Guaranteed
          limits above requests              | {"requests":{"cpu":"500m","memory":"1Gi"},"limits":{"cpu":"1","memory":"1Gi"}}            | Burstable
          only a memory limit                | {"requests":{"memory":"1Gi"},"limits":{"memory":"1Gi"}}                                   | Burstable
          zero quantities                    | {"requests":{"cpu":"0"},"limits":{"cpu":"0"}}                                             | BestEffort
          """)
  void classifiesOneContainer(String name, String resources, QosClass expected) {
    assertThat(QosClass.compute(pod(null, resources))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void everyContainerMustBeGuaranteedForThePodToBe() {
    String full =
        "{\"requests\":{\"cpu\":\"1\",\"memory\":\"1Gi\"},\"limits\":{\"cpu\":\"1\",\"memory\":\"1Gi\"}}";
    assertThat(QosClass.compute(pod(null, full, full))).isEqualTo(QosClass.Guaranteed);
    assertThat(QosClass.compute(pod(null, full, "{}"))).isEqualTo(QosClass.Burstable);
    assertThat(QosClass.compute(pod("{}", full))).isEqualTo(QosClass.Burstable);
    assertThat(QosClass.compute(pod("{\"requests\":{\"cpu\":\"1\"}}", "{}")))
        .isEqualTo(QosClass.Burstable);
  }

  @org.junit.jupiter.api.Test
  void prefersTheClassTheApiServerRecorded() {
    Pod p = pod(null, "{}");
    p.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
    p.getStatus().setQosClass("Burstable");
    assertThat(QosClass.of(p)).isEqualTo(QosClass.Burstable);
    p.getStatus().setQosClass(null);
    assertThat(QosClass.of(p)).isEqualTo(QosClass.BestEffort);
  }
}
