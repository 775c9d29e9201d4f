package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The in-process scheduler of a real {@code nauta server}, driven with kubectl: nodes are Node
 * objects registered through the API (no node agent yet), pods are bound through the API.
 */
class SchedulerIT extends ServerProcessTest {
  @Override
  protected String[] serverArgs() {
    return new String[] {STATIC_NODES};
  }

  private void pod(String name, String cpu, String extraSpec) throws Exception {
    nauta.kubectlWithInput(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"containers":[{"name":"c","image":"busybox",
                 "resources":{"requests":{"cpu":"%s"}}}]%s}}
        """
            .formatted(name, cpu, extraSpec),
        "create",
        "-f",
        "-");
  }

  @Test
  void placesPodsWhereTheyFitAndExplainsWhenNothingFits() throws Exception {
    registerNode("small", "1", "2Gi", "{\"size\":\"small\"}", "[]");
    registerNode(
        "gpu",
        "8",
        "16Gi",
        "{\"size\":\"big\"}",
        "[{\"key\":\"dedicated\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}]");

    pod("fits-small", "500m", "");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(nodeOf("fits-small")).isEqualTo("small"));
    assertThat(ok("get", "events", "--field-selector", "involvedObject.name=fits-small").out())
        .contains("Scheduled", "Successfully assigned default/fits-small to small");

    // too big for small, and gpu is tainted
    pod("too-big", "4", "");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pod", "too-big").out())
                    .contains(
                        "FailedScheduling",
                        "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated"
                            + " taint {dedicated: gpu}."));
    assertThat(
            ok(
                    "get",
                    "pod",
                    "too-big",
                    "-o",
                    "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}")
                .out())
        .isEqualTo("Unschedulable");

    // a tolerating pod may use the gpu node; a node selector pins it there
    pod(
        "gpu-job",
        "4",
        ",\"tolerations\":[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"gpu\","
            + "\"effect\":\"NoSchedule\"}],\"nodeSelector\":{\"size\":\"big\"}");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(nodeOf("gpu-job")).isEqualTo("gpu"));

    // a node that fits arrives: the waiting pod is scheduled onto it
    registerNode("roomy", "8", "16Gi", "{}", "[]");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(nodeOf("too-big")).isEqualTo("roomy"));
  }

  @Test
  void leavesPodsOfOtherSchedulersAlone() throws Exception {
    registerNode("any", "4", "8Gi", "{}", "[]");
    pod("custom", "100m", ",\"schedulerName\":\"my-scheduler\"");
    pod("mine", "100m", "");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(nodeOf("mine")).isNotEmpty());
    assertThat(nodeOf("custom")).isEmpty();
  }

  @Test
  void antiAffinitySpreadsReplicasOnePerNode() throws Exception {
    // as a node agent would, the nodes carry their host name label (the topology key below)
    for (String n : new String[] {"spread-1", "spread-2"}) {
      registerNode(
          n, "4", "8Gi", "{\"tier\":\"spread\",\"kubernetes.io/hostname\":\"" + n + "\"}", "[]");
    }
    String notTogether =
        ",\"nodeSelector\":{\"tier\":\"spread\"},\"affinity\":{\"podAntiAffinity\":"
            + "{\"requiredDuringSchedulingIgnoredDuringExecution\":[{\"topologyKey\":"
            + "\"kubernetes.io/hostname\",\"labelSelector\":{\"matchLabels\":{\"app\":\"anti\"}}}]}}";
    for (String name : new String[] {"anti-1", "anti-2", "anti-3"}) {
      nauta.kubectlWithInput(
          """
          {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"anti"}},
           "spec":{"containers":[{"name":"c","image":"busybox"}]%s}}
          """
              .formatted(name, notTogether),
          "create",
          "-f",
          "-");
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(nodeOf("anti-1")).startsWith("spread-");
              assertThat(nodeOf("anti-2")).startsWith("spread-");
            });
    assertThat(nodeOf("anti-1")).isNotEqualTo(nodeOf("anti-2"));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pod", "anti-3").out())
                    .contains(
                        "FailedScheduling", "2 node(s) didn't match pod anti-affinity rules"));
    assertThat(nodeOf("anti-3")).isEmpty();
  }
}
