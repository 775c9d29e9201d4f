package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.simulator.NodeTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Simulated nodes' pods have resource metrics, as scale tests need for autoscaling: half their
 * requests by default, what the {@code simulator.nauta.io/cpu-usage} annotation says once set (read
 * at the next scrape, no restart), and the nodes the sum of their pods, all through the real {@code
 * kubectl top}.
 */
class SimulatedMetricsIT extends ServerProcessTest {
  @Override
  protected String[] serverArgs() {
    return new String[] {"--metrics-resolution=1s"};
  }

  @Test
  void kubectlTopShowsSimulatedUsageThatAnnotationsChange() throws Exception {
    simulateNodes(new NodeTemplate("simm-", "4", "8Gi", "110", Map.of(), List.of()), 1);
    Kubectl.Result created =
        nauta.kubectlWithInput(
            """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"c","image":"busybox",
                   "resources":{"requests":{"cpu":"400m","memory":"128Mi"}}}]}}}}
            """,
            "create",
            "-f",
            "-");
    assertThat(created.code()).as(created.all()).isZero();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Kubectl.Result top = nauta.kubectl("top", "pods", "-l", "app=web", "--no-headers");
              assertThat(top.code()).as(top.all()).isZero();
              assertThat(top.out().lines().toList())
                  .hasSize(2)
                  .allSatisfy(l -> assertThat(l).matches("web-\\S+\\s+200m\\s+64Mi\\s*"));
            });
    ok("annotate", "pods", "-l", "app=web", "simulator.nauta.io/cpu-usage=900m");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("top", "pods", "-l", "app=web", "--no-headers").out().lines())
                    .allSatisfy(l -> assertThat(l).contains("900m")));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(ok("top", "nodes").out()).containsPattern("simm-0\\s+1800m\\s+45%"));
  }
}
