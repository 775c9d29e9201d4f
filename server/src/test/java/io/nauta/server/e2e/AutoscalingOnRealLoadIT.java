package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Horizontal autoscaling on real load: a Deployment of busybox pods that spin (cpu request 100m,
 * limit 300m, so one pod runs at about 300% of its request) until a file appears on the node, an
 * HPA at 50% cpu made with {@code kubectl autoscale}, real metrics from the agent through the API
 * server's metrics.k8s.io. Replicas rise within 60 s of the load, never beyond the maximum; once
 * the load stops they fall back to the minimum after the (shortened) downscale stabilization
 * window.
 */
class AutoscalingOnRealLoadIT extends RealNodeTest {

  private Path control;

  @Override
  protected String[] serverArgs() {
    // default metrics resolution (10 s), sync period (15 s) and cpu initialization period (5 min):
    // only the downscale stabilization window (5 min) is shortened
    return new String[] {"--horizontal-pod-autoscaler-downscale-stabilization=20s"};
  }

  private int replicas() throws Exception {
    String out = ok("get", "deployment", "burn", "-o", "jsonpath={.spec.replicas}").out().strip();
    return out.isEmpty() ? 0 : Integer.parseInt(out);
  }

  @Test
  void replicasFollowTheLoadUpAndBackDown() throws Exception {
    startNode("hpa-1");
    control = Files.createDirectories(dir.resolve("control"));
    Kubectl.Result created =
        nauta.kubectlWithInput(
            """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"burn"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"burn"}},
              "template":{"metadata":{"labels":{"app":"burn"}},
               "spec":{"terminationGracePeriodSeconds":1,
                "volumes":[{"name":"control","hostPath":{"path":"%s"}}],
                "containers":[{"name":"spin","image":"%s",
                  "command":["sh","-c","while [ ! -f /control/stop ]; do :; done; exec sleep 3600"],
                  "volumeMounts":[{"name":"control","mountPath":"/control"}],
                  "resources":{"requests":{"cpu":"100m"},"limits":{"cpu":"300m"}}}]}}}}
            """
                .formatted(control, image),
            "create",
            "-f",
            "-");
    assertThat(created.code()).as(created.all()).isZero();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pods", "-l", "app=burn").out())
                    .containsPattern("burn-\\S+\\s+1/1\\s+Running"));
    long loadStart = System.nanoTime();
    Kubectl.Result autoscale =
        nauta.kubectl("autoscale", "deployment", "burn", "--cpu-percent=50", "--min=1", "--max=3");
    assertThat(autoscale.code()).as(autoscale.all()).isZero();

    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                int r = replicas();
                seen.add(r);
                return r > 1;
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.out.println(nauta.kubectl("describe", "hpa", "burn").all());
      System.out.println(
          nauta
              .kubectl("get", "--raw", "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods")
              .all());
      System.out.println(nauta.kubectl("get", "pods", "-o", "yaml").all());
      throw e;
    }
    double reaction = (System.nanoTime() - loadStart) / 1e9;
    String hpa = ok("get", "hpa", "burn").out();
    System.out.printf("first scale-up %.1f s after the load began%n%s%n", reaction, hpa);
    assertThat(hpa).containsPattern("burn\\s+Deployment/burn\\s+cpu: \\d+%/50%\\s+1\\s+3\\s+\\d");
    assertThat(ok("describe", "hpa", "burn").out())
        .contains("SuccessfulRescale")
        .contains("above target");

    // every pod spins, so the autoscaler goes on to the maximum and no further
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              int r = replicas();
              seen.add(r);
              return r == 3;
            });
    for (int i = 0; i < 10; i++) {
      seen.add(replicas());
      Thread.sleep(1000);
    }
    assertThat(seen).as("never above the maximum").allMatch(r -> r <= 3);
    assertThat(ok("get", "hpa", "burn", "-o", "jsonpath={.status.conditions}").out())
        .contains("TooManyReplicas");

    // the load stops: after the 20 s stabilization window the replicas fall back to the minimum
    Files.writeString(control.resolve("stop"), "");
    long stopped = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              int r = replicas();
              seen.add(r);
              return r == 1;
            });
    double down = (System.nanoTime() - stopped) / 1e9;
    System.out.printf("back to 1 replica %.1f s after the load stopped%n", down);
    assertThat(down).as("not before the stabilization window").isGreaterThan(15);
    assertThat(seen).as("never below the minimum").allMatch(r -> r >= 1);
    assertThat(ok("describe", "hpa", "burn").out()).contains("below target");
  }
}
