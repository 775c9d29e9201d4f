package io.nauta.node.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamStatusTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "success|{\"metadata\":{},\"status\":\"Success\"}|0",
        "exit 3|{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with"
            + " non-zero exit code: error executing command [sh -c exit 3], exit code 3\","
            + "\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\","
            + "\"message\":\"3\"}]}}|3",
        "other failure|{\"metadata\":{},\"status\":\"Failure\",\"message\":\"boom\"}|-1",
        "not json|garbage|-1"
      })
  void readsTheExitCodeOfARuntimesStatus(String name, String status, int code) {
    assertThat(StreamStatus.exitCodeOf(status.getBytes(StandardCharsets.UTF_8))).isEqualTo(code);
  }

  @org.junit.jupiter.api.Test
  void anAgentFailureIsAFailureStatusWithItsMessage() {
    String s = new String(StreamStatus.failure("stream broke"), StandardCharsets.UTF_8);
    assertThat(s)
        .contains("\"status\":\"Failure\"", "\"message\":\"stream broke\"", "\"code\":500");
    assertThat(StreamStatus.exitCodeOf(StreamStatus.failure("x"))).isEqualTo(-1);
  }
}
