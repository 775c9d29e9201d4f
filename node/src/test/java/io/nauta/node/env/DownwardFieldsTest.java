package io.nauta.node.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DownwardFieldsTest {
  private static final PodFacts FACTS =
      new PodFacts(
          Pods.pod(
              """
              metadata:
                name: web-1
                namespace: shop
                uid: 1234-abcd
                labels: {app: web, tier: "front end"}
                annotations: {note: "say \\"hi\\"\\n", empty: ""}
              spec:
                nodeName: box-1
                serviceAccountName: builder
                containers: [{name: c, image: busybox}]
              """),
          List.of("10.88.0.7", "fd00::7"),
          List.of("192.168.1.5", "fd00::1"),
          Map.of());

  static Stream<Arguments> fields() {
    return Stream.of(
        Arguments.of("metadata.name", "web-1"),
        Arguments.of("metadata.namespace", "shop"),
        Arguments.of("metadata.uid", "1234-abcd"),
        Arguments.of("metadata.labels['app']", "web"),
        Arguments.of("metadata.labels['missing']", ""),
        Arguments.of("metadata.annotations['empty']", ""),
        Arguments.of("metadata.labels", "app=\"web\"\ntier=\"front end\""),
        Arguments.of("metadata.annotations", "empty=\"\"\nnote=\"say \\\"hi\\\"\\n\""),
        Arguments.of("spec.nodeName", "box-1"),
        Arguments.of("spec.serviceAccountName", "builder"),
        Arguments.of("status.hostIP", "192.168.1.5"),
        Arguments.of("status.hostIPs", "192.168.1.5,fd00::1"),
        Arguments.of("status.podIP", "10.88.0.7"),
        Arguments.of("status.podIPs", "10.88.0.7,fd00::7"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void presentsPodFields(String path, String expected) {
    assertThat(DownwardFields.value(FACTS, path)).contains(expected);
  }

  @Test
  void unsupportedPathsHaveNoValue() {
    assertThat(DownwardFields.value(FACTS, "spec.hostname")).isEmpty();
    assertThat(DownwardFields.value(FACTS, "metadata.labels[app]")).isEmpty();
  }

  @Test
  void quotesAsGoDoes() {
    assertThat(DownwardFields.quote("tab\there\u0001\u007f")).isEqualTo("\"tab\\there\\x01\\x7f\"");
    assertThat(DownwardFields.quote("back\\slash")).isEqualTo("\"back\\\\slash\"");
    assertThat(DownwardFields.quote("ünïcödé ✓")).isEqualTo("\"ünïcödé ✓\"");
    assertThat(DownwardFields.quote("nbsp\u00a0zw\u200b")).isEqualTo("\"nbsp\\u00a0zw\\u200b\"");
  }
}
