package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Topology spread on a real server (its own, so its nodes do not change other tests' counts):
 * DoNotSchedule constraints keep zones within maxSkew.
 */
class SchedulerTopologySpreadIT extends ServerProcessTest {
  @Override
  protected String[] serverArgs() {
    return new String[] {STATIC_NODES};
  }

  @Test
  void topologySpreadKeepsZonesWithinMaxSkew() throws Exception {
    // zone a has two nodes, zone b one: without the constraint, least-allocated scoring would put
    // two of every three pods in zone a
    registerNode("zoned-a1", "8", "16Gi", "{\"tier\":\"zoned\",\"zone\":\"a\"}", "[]");
    registerNode("zoned-a2", "8", "16Gi", "{\"tier\":\"zoned\",\"zone\":\"a\"}", "[]");
    registerNode("zoned-b1", "8", "16Gi", "{\"tier\":\"zoned\",\"zone\":\"b\"}", "[]");
    String spread =
        ",\"nodeSelector\":{\"tier\":\"zoned\"},\"topologySpreadConstraints\":[{\"maxSkew\":1,"
            + "\"topologyKey\":\"zone\",\"whenUnsatisfiable\":\"DoNotSchedule\","
            + "\"labelSelector\":{\"matchLabels\":{\"app\":\"spread\"}}}]";
    for (int i = 1; i <= 6; i++) {
      nauta.kubectlWithInput(
          """
          {"apiVersion":"v1","kind":"Pod","metadata":{"name":"spread-%d","labels":{"app":"spread"}},
           "spec":{"containers":[{"name":"c","image":"busybox"}]%s}}
          """
              .formatted(i, spread),
          "create",
          "-f",
          "-");
      String name = "spread-" + i;
      await().atMost(Duration.ofSeconds(20)).until(() -> !nodeOf(name).isEmpty());
    }
    int inB = 0;
    for (int i = 1; i <= 6; i++) {
      if (nodeOf("spread-" + i).equals("zoned-b1")) {
        inB++;
      }
    }
    assertThat(inB).isEqualTo(3);
  }
}
