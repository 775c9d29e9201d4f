package io.nauta.node.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsSummaryTest {
  private final Instant now = Instant.parse("2024-03-01T10:00:05.5Z");

  private StatsSummary.ContainerUsage usage(String pod, String container, Long cores, long cpu) {
    return new StatsSummary.ContainerUsage(
        "default",
        pod,
        "uid-" + pod,
        container,
        now.minusSeconds(60),
        now.minusSeconds(50),
        now,
        cpu,
        cores,
        1000,
        2000L);
  }

  @Test
  void podsSumTheirContainersAndKeepAKubeletsShape() {
    ObjectNode s =
        StatsSummary.build(
            "n1",
            new StatsSummary.NodeUsage(
                now,
                new HostUsage(7_000, 8_000, 5_000, 1_000, Instant.parse("2024-03-01T00:00:00Z")),
                250L),
            List.of(
                usage("web", "a", 10L, 100),
                usage("web", "b", 20L, 200),
                usage("db", "c", null, 5)));
    assertThat(s.at("/node/nodeName").asText()).isEqualTo("n1");
    assertThat(s.at("/node/startTime").asText()).isEqualTo("2024-03-01T00:00:00Z");
    assertThat(s.at("/node/cpu/usageNanoCores").asLong()).isEqualTo(250);
    assertThat(s.at("/node/cpu/usageCoreNanoSeconds").asLong()).isEqualTo(7_000);
    // sample times keep their fraction: rates are computed from them
    assertThat(s.at("/node/cpu/time").asText()).isEqualTo("2024-03-01T10:00:05.500Z");
    assertThat(s.at("/pods/0/containers/0/startTime").asText()).isEqualTo("2024-03-01T09:59:15Z");
    assertThat(s.at("/node/memory/workingSetBytes").asLong()).isEqualTo(3_000);
    assertThat(s.at("/node/memory/availableBytes").asLong()).isEqualTo(5_000);

    assertThat(s.at("/pods").size()).isEqualTo(2);
    assertThat(s.at("/pods/0/podRef/name").asText()).isEqualTo("web");
    assertThat(s.at("/pods/0/podRef/uid").asText()).isEqualTo("uid-web");
    assertThat(s.at("/pods/0/containers/1/name").asText()).isEqualTo("b");
    assertThat(s.at("/pods/0/containers/1/cpu/usageNanoCores").asLong()).isEqualTo(20);
    assertThat(s.at("/pods/0/cpu/usageNanoCores").asLong()).isEqualTo(30);
    assertThat(s.at("/pods/0/cpu/usageCoreNanoSeconds").asLong()).isEqualTo(300);
    assertThat(s.at("/pods/0/memory/workingSetBytes").asLong()).isEqualTo(2_000);
    // a rate not known yet is left out, as kubelets do
    assertThat(s.at("/pods/1/containers/0/cpu").has("usageNanoCores")).isFalse();
    assertThat(s.at("/pods/1/cpu").has("usageNanoCores")).isFalse();
  }
}
