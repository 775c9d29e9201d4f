package io.nauta.node.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceFieldsTest {
  private static final PodFacts FACTS =
      Pods.facts(
          Pods.pod(
              """
              metadata: {name: p, namespace: default}
              spec:
                containers:
                - name: limited
                  image: busybox
                  resources:
                    requests: {cpu: 250m, memory: 64Mi}
                    limits: {cpu: 1500m, memory: 128Mi, ephemeral-storage: 1Gi}
                - name: open
                  image: busybox
                - name: onlylimits
                  image: busybox
                  resources:
                    limits: {cpu: "1", memory: 100M}
              """));

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("limited", "limits.cpu", null, "2"),
        Arguments.of("limited", "limits.cpu", "1m", "1500"),
        Arguments.of("limited", "requests.cpu", "1m", "250"),
        Arguments.of("limited", "requests.cpu", null, "1"),
        Arguments.of("limited", "requests.cpu", "100m", "3"),
        Arguments.of("limited", "limits.memory", null, "134217728"),
        Arguments.of("limited", "limits.memory", "1Mi", "128"),
        Arguments.of("limited", "requests.memory", "1Mi", "64"),
        Arguments.of("limited", "requests.memory", "1M", "68"),
        Arguments.of("limited", "limits.ephemeral-storage", "1Mi", "1024"),
        Arguments.of("open", "limits.cpu", null, "2"),
        Arguments.of("open", "limits.memory", "1Gi", "4"),
        Arguments.of("open", "limits.ephemeral-storage", "1Gi", "100"),
        Arguments.of("open", "requests.cpu", null, "0"),
        Arguments.of("open", "requests.memory", null, "0"),
        Arguments.of("onlylimits", "requests.cpu", "1m", "1000"),
        Arguments.of("onlylimits", "requests.memory", null, "100000000"));
  }

  @ParameterizedTest(name = "{0} {1} / {2}")
  @MethodSource("rows")
  void dividesAndRoundsUp(String container, String resource, String divisor, String expected) {
    ResourceFieldSelector selector = new ResourceFieldSelector();
    selector.setResource(resource);
    if (divisor != null) {
      selector.setDivisor(new Quantity(divisor));
    }
    assertThat(ResourceFields.value(selector, named(container), FACTS.allocatable()))
        .isEqualTo(expected);
  }

  @Test
  void rejectsUnknownResources() {
    ResourceFieldSelector selector = new ResourceFieldSelector();
    selector.setResource("limits.gpu");
    assertThatThrownBy(() -> ResourceFields.value(selector, named("open"), FACTS.allocatable()))
        .hasMessage("unsupported container resource : limits.gpu");
  }

  private static Container named(String name) {
    return PodContainers.named(FACTS.pod(), name).orElseThrow();
  }
}
