package io.nauta.apiserver.resources.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DefaultTolerationSecondsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode pod(String tolerations) throws Exception {
    return (ObjectNode)
        JSON.readTree(
            "{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]"
                + (tolerations == null ? "" : ",\"tolerations\":" + tolerations)
                + "}}");
  }

  @Test
  void addsBothTolerationsForFiveMinutesByDefault() throws Exception {
    ObjectNode pod = pod(null);
    DefaultTolerationSeconds.DEFAULTS.admit(pod);
    assertThat(pod.at("/spec/tolerations").toString())
        .isEqualTo(
            "[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\","
                + "\"effect\":\"NoExecute\",\"tolerationSeconds\":300},"
                + "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
                + "\"effect\":\"NoExecute\",\"tolerationSeconds\":300}]");
  }

  @Test
  void keepsThePodsOwnTolerationOfATaintAndUsesConfiguredSeconds() throws Exception {
    ObjectNode pod =
        pod(
            "[{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\"},"
                + "{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"gpu\"}]");
    new DefaultTolerationSeconds(7, 9).admit(pod);
    assertThat(pod.at("/spec/tolerations")).hasSize(3);
    assertThat(pod.at("/spec/tolerations/0").has("tolerationSeconds")).isFalse();
    assertThat(pod.at("/spec/tolerations/2/key").asText())
        .isEqualTo("node.kubernetes.io/not-ready");
    assertThat(pod.at("/spec/tolerations/2/tolerationSeconds").asLong()).isEqualTo(7);
  }

  @Test
  void aNoScheduleTolerationDoesNotCountAsNoExecute() throws Exception {
    ObjectNode pod =
        pod(
            "[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\","
                + "\"effect\":\"NoSchedule\"}]");
    DefaultTolerationSeconds.DEFAULTS.admit(pod);
    assertThat(pod.at("/spec/tolerations")).hasSize(3);
  }

  @Test
  void refusesNegativeSeconds() {
    assertThatThrownBy(() -> new DefaultTolerationSeconds(-1, 300))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
