package io.nauta.apiserver.resourcemetrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedUsageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");

  private static JsonNode pod(String name, String phase, String annotations, String resources)
      throws Exception {
    return JSON.readTree(
        """
        {"metadata":{"name":"%s","namespace":"default","annotations":%s},
         "spec":{"nodeName":"sim-0","containers":[{"name":"c","resources":%s}]},
         "status":{"phase":"%s"}}
        """
            .formatted(name, annotations, resources, phase));
  }

  @Test
  void containersUseHalfTheirRequestsUnlessAnnotated() throws Exception {
    Summary s =
        SimulatedUsage.summary(
            "sim-0",
            List.of(
                pod(
                    "half",
                    "Running",
                    "{}",
                    "{\"requests\":{\"cpu\":\"500m\",\"memory\":\"64Mi\"}}"),
                pod(
                    "busy",
                    "Running",
                    "{\"simulator.nauta.io/cpu-usage\":\"900m\","
                        + "\"simulator.nauta.io/memory-usage\":\"100Mi\"}",
                    "{\"requests\":{\"cpu\":\"1\"}}"),
                pod("bare", "Running", "{}", "{}"),
                pod("waiting", "Pending", "{}", "{}")),
            NOW);
    assertThat(s.pods()).extracting(Summary.PodUsage::name).containsExactly("half", "busy", "bare");
    assertThat(s.pods().get(0).containers().get(0).usage())
        .isEqualTo(new Summary.Usage(NOW, null, 250_000_000L, 32L << 20));
    assertThat(s.pods().get(1).containers().get(0).usage())
        .isEqualTo(new Summary.Usage(NOW, null, 900_000_000L, 100L << 20));
    assertThat(s.pods().get(2).containers().get(0).usage())
        .isEqualTo(new Summary.Usage(NOW, null, 1_000_000L, 1L << 20));
    assertThat(s.usage().nanoCores()).isEqualTo(1_151_000_000L);
    assertThat(s.usage().workingSetBytes()).isEqualTo((32L + 100 + 1) << 20);
  }

  @Test
  void simulatedNodesAreThoseWithTheSimulatorsLabel() throws Exception {
    assertThat(
            SimulatedUsage.isSimulated(
                JSON.readTree("{\"metadata\":{\"labels\":{\"nauta.io/simulated\":\"true\"}}}")))
        .isTrue();
    assertThat(SimulatedUsage.isSimulated(JSON.readTree("{\"metadata\":{}}"))).isFalse();
  }
}
