package io.nauta.apiserver.resourcemetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsAKubeletStatsSummary() throws Exception {
    Summary s =
        Summary.parse(
            JSON.readTree(
                """
                {"node":{"nodeName":"n1","startTime":"2024-03-01T00:00:00Z",
                  "cpu":{"time":"2024-03-01T10:00:05.25Z","usageNanoCores":250,
                         "usageCoreNanoSeconds":7000},
                  "memory":{"time":"2024-03-01T10:00:05.25Z","workingSetBytes":3000}},
                 "pods":[{"podRef":{"name":"web","namespace":"shop","uid":"u"},
                   "containers":[
                     {"name":"c","startTime":"2024-03-01T09:00:00Z",
                      "cpu":{"time":"2024-03-01T10:00:05Z","usageCoreNanoSeconds":100},
                      "memory":{"time":"2024-03-01T10:00:05Z","workingSetBytes":2048}},
                     {"name":"starting","cpu":{},"memory":{}}]}]}
                """));
    assertThat(s.node()).isEqualTo("n1");
    assertThat(s.usage())
        .isEqualTo(new Summary.Usage(Instant.parse("2024-03-01T10:00:05.25Z"), 7000L, 250L, 3000));
    assertThat(s.pods()).hasSize(1);
    Summary.PodUsage pod = s.pods().get(0);
    assertThat(pod.namespace()).isEqualTo("shop");
    assertThat(pod.name()).isEqualTo("web");
    // a container without samples yet is left out
    assertThat(pod.containers())
        .containsExactly(
            new Summary.ContainerUsage(
                "c",
                Instant.parse("2024-03-01T09:00:00Z"),
                new Summary.Usage(Instant.parse("2024-03-01T10:00:05Z"), 100L, null, 2048)));
  }

  @Test
  void aDocumentWithoutANodeIsRejected() {
    assertThatThrownBy(() -> Summary.parse(JSON.readTree("{\"pods\":[]}")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
