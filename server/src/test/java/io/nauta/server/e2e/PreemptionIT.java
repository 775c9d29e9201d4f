package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.simulator.NodeTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Preemption on a real server: two simulated nodes (which, like a kubelet, finish deleting the pods
 * evicted from them) full of low-priority pods; a high-priority pod evicts the fewest it must,
 * sparing pods a PodDisruptionBudget protects, and takes their place.
 */
class PreemptionIT extends ServerProcessTest {
  @BeforeAll
  void startNodes() throws Exception {
    simulateNodes(new NodeTemplate("sim-", "2", "4Gi", "110", Map.of(), List.of()), 2);
    ok("create", "priorityclass", "batch-low", "--value=100", "--description=work that may wait");
    ok("create", "priorityclass", "urgent", "--value=100000");
    ok("create", "priorityclass", "urgent-polite", "--value=100000", "--preemption-policy=Never");
  }

  private void pod(String name, String app, String node, String cpu, String priorityClass)
      throws Exception {
    String nodeName = node == null ? "" : ",\"nodeName\":\"" + node + "\"";
    nauta.kubectlWithInput(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"%s"}},
         "spec":{"priorityClassName":"%s"%s,
                 "containers":[{"name":"c","image":"busybox",
                                "resources":{"requests":{"cpu":"%s"}}}]}}
        """
            .formatted(name, app, priorityClass, nodeName, cpu),
        "create",
        "-f",
        "-");
  }

  private String phase(String pod) throws Exception {
    return ok("get", "pod", pod, "-o", "jsonpath={.status.phase}").out();
  }

  @Test
  void aHighPriorityPodEvictsTheLeastItMustAndTakesTheirPlace() throws Exception {
    ok("create", "poddisruptionbudget", "db", "--selector=app=db", "--min-available=2");
    pod("db-1", "db", "sim-0", "1", "batch-low");
    pod("db-2", "db", "sim-0", "1", "batch-low");
    pod("web-1", "web", "sim-1", "1", "batch-low");
    pod("web-2", "web", "sim-1", "1", "batch-low");
    for (String p : new String[] {"db-1", "db-2", "web-1", "web-2"}) {
      await().atMost(Duration.ofSeconds(20)).until(() -> phase(p).equals("Running"));
    }
    // the disruption controller keeps the budget's status: both db pods needed, none may go
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pdb", "db").out()).containsPattern("db\\s+2\\s+N/A\\s+0\\s"));
    assertThat(
            ok("get", "pdb", "db", "-o", "jsonpath={.status.currentHealthy}/{.status.expectedPods}")
                .out())
        .isEqualTo("2/2");

    // waits: preemption is not allowed for it
    pod("polite", "report", null, "2", "urgent-polite");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pod", "polite").out())
                    .contains(
                        "0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible"
                            + " due to preemptionPolicy=Never."));

    pod("critical", "critical", null, "2", "urgent");

    // the PDB (no disruption allowed) protects db-*: web-* go, critical runs where they were
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(nodeOf("critical")).isEqualTo("sim-1"));
    assertThat(ok("get", "pod", "critical", "-o", "jsonpath={.status.nominatedNodeName}").out())
        .isEqualTo("sim-1");
    assertThat(ok("get", "pods", "-o", "name").out())
        .contains("pod/db-1", "pod/db-2", "pod/critical")
        .doesNotContain("pod/web-1", "pod/web-2");
    assertThat(ok("get", "events", "--field-selector", "reason=Preempted").out())
        .contains("pod/web-1", "pod/web-2", "Preempted by pod", "on node sim-1");
    assertThat(nodeOf("polite")).isEmpty();
  }
}
