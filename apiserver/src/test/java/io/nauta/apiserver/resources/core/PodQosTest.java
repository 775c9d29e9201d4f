package io.nauta.apiserver.resources.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.apiserver.resources.TestObjects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodQosTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no resources | {} | BestEffort",
        "zero requests | {\"requests\":{\"cpu\":\"0\"}} | BestEffort",
        "requests only | {\"requests\":{\"cpu\":\"100m\"}} | Burstable",
        "equal requests and limits | {\"requests\":{\"cpu\":\"1\",\"memory\":\"1Gi\"},\"limits\":{\"cpu\":\"1000m\",\"memory\":\"1Gi\"}} | Guaranteed",
        "limits lack memory | {\"requests\":{\"cpu\":\"1\"},\"limits\":{\"cpu\":\"1\"}} | Burstable",
        "requests below limits | {\"requests\":{\"cpu\":\"1\",\"memory\":\"1Gi\"},\"limits\":{\"cpu\":\"2\",\"memory\":\"1Gi\"}} | Burstable",
        "only extended resources | {\"limits\":{\"example.com/gpu\":\"1\"}} | BestEffort",
      })
  void classifiesLikeKubernetes(String name, String resources, String expected) {
    var spec =
        TestObjects.parse(
            "{\"containers\":[{\"name\":\"a\",\"image\":\"x\",\"resources\":" + resources + "}]}");
    assertThat(PodQos.of(spec)).isEqualTo(expected);
  }
}
