package io.nauta.apiserver.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AgentEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theFirstInternalIpAndTheKubeletPortOrTheDefault() throws Exception {
    var node =
        JSON.readTree(
            """
            {"status":{"addresses":[{"type":"Hostname","address":"n1"},
                                    {"type":"InternalIP","address":"10.0.0.7"}],
                       "daemonEndpoints":{"kubeletEndpoint":{"Port":11250}}}}
            """);
    assertThat(AgentEndpoint.of(node)).contains(new AgentEndpoint("10.0.0.7", 11250));
    var noPort =
        JSON.readTree(
            "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"fd00::1\"}]}}");
    assertThat(AgentEndpoint.of(noPort).orElseThrow().url("/stats/summary"))
        .isEqualTo("https://[fd00::1]:10250/stats/summary");
    assertThat(AgentEndpoint.of(JSON.readTree("{\"status\":{\"addresses\":[]}}"))).isEmpty();
  }
}
