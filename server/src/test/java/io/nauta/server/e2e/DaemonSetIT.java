package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Taint;
import io.nauta.simulator.NodeTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DaemonSets on a real server with simulated nodes, driven by kubectl: one pod per node, following
 * nodes as they come and go and keeping off a node whose taint it does not tolerate; a new image
 * rolls out node by node and {@code kubectl rollout status/history/undo} work.
 */
class DaemonSetIT extends ServerProcessTest {
  @BeforeAll
  void startNodes() throws Exception {
    simulateNodes(new NodeTemplate("ds-node-", "8", "16Gi", "110", Map.of(), List.of()), 3);
  }

  private List<String> nodesRunningIt() throws Exception {
    return ok("get", "pods", "-l", "app=agent", "-o", "jsonpath={.items[*].spec.nodeName}")
        .out()
        .trim()
        .lines()
        .flatMap(l -> List.of(l.split(" ")).stream())
        .filter(s -> !s.isBlank())
        .toList();
  }

  private List<String> images() throws Exception {
    return List.of(
        ok("get", "pods", "-l", "app=agent", "-o", "jsonpath={.items[*].spec.containers[0].image}")
            .out()
            .trim()
            .split(" "));
  }

  @Test
  void runsOnePodPerEligibleNodeAndRollsOutAndBack() throws Exception {
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec: {containers: [{name: agent, image: "busybox:1"}]}
        """,
        "apply",
        "-f",
        "-");
    ok("rollout", "status", "ds/agent", "--timeout=30s");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(nodesRunningIt())
                    .containsExactlyInAnyOrder("ds-node-0", "ds-node-1", "ds-node-2"));
    assertThat(ok("get", "ds", "agent").out()).containsPattern("agent\\s+3\\s+3\\s+3\\s+3\\s+3");
    String pod =
        ok("get", "pods", "-l", "app=agent", "-o", "jsonpath={.items[0].metadata.name}").out();
    assertThat(ok("get", "pod", pod, "-o", "jsonpath={.spec.affinity.nodeAffinity}").out())
        .contains("matchFields", "metadata.name");
    assertThat(ok("get", "pod", pod, "-o", "jsonpath={.metadata.labels}").out())
        .contains("controller-revision-hash", "pod-template-generation");

    // a tainted node it does not tolerate gets none; a plain new node gets one
    simulateNodes(
        new NodeTemplate(
            "ds-tainted-",
            "8",
            "16Gi",
            "110",
            Map.of(),
            List.of(new Taint("NoSchedule", "dedicated", null, "db"))),
        1);
    simulateNodes(new NodeTemplate("ds-extra-", "8", "16Gi", "110", Map.of(), List.of()), 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(nodesRunningIt()).hasSize(4).contains("ds-extra-0"));
    assertThat(nodesRunningIt()).doesNotContain("ds-tainted-0");
    ok("rollout", "status", "ds/agent", "--timeout=30s");
    assertThat(ok("get", "ds", "agent", "-o", "jsonpath={.status.desiredNumberScheduled}").out())
        .isEqualTo("4");

    // a deleted node loses its pod
    ok("delete", "node", "ds-extra-0");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(nodesRunningIt())
                    .containsExactlyInAnyOrder("ds-node-0", "ds-node-1", "ds-node-2"));

    // a new image rolls out to every node, and rolls back
    ok("annotate", "ds/agent", "kubernetes.io/change-cause=busybox 2, please");
    ok("set", "image", "ds/agent", "agent=busybox:2");
    assertThat(ok("rollout", "status", "ds/agent", "--timeout=60s").out())
        .contains("successfully rolled out");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(images()).hasSize(3).containsOnly("busybox:2"));
    assertThat(ok("rollout", "history", "ds/agent").out())
        .containsPattern("(?s)1\\s.*2\\s+busybox 2, please");
    assertThat(ok("rollout", "history", "ds/agent", "--revision=1").out()).contains("busybox:1");
    assertThat(
            ok("get", "controllerrevisions", "-l", "app=agent", "-o", "name").out().trim().lines())
        .hasSize(2)
        .allMatch(n -> n.startsWith("controllerrevision.apps/agent-"));
    ok("rollout", "undo", "ds/agent");
    ok("rollout", "status", "ds/agent", "--timeout=60s");
    assertThat(
            ok("get", "ds", "agent", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
                .out())
        .isEqualTo("busybox:1");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(images()).hasSize(3).containsOnly("busybox:1"));
    // the first revision came back as revision 3
    assertThat(ok("rollout", "history", "ds/agent").out()).containsPattern("(?s)2\\s.*3\\s");
    assertThat(ok("describe", "ds", "agent").out())
        .contains("SuccessfulCreate", "SuccessfulDelete", "daemonset-controller");
  }
}
