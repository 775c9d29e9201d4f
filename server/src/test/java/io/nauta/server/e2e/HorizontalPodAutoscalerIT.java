package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.api.labels.LabelSelector;
import io.nauta.client.events.EventRecorder;
import io.nauta.controllers.deployment.DeploymentController;
import io.nauta.controllers.podautoscaler.HorizontalPodAutoscalerController;
import io.nauta.controllers.podautoscaler.PodMetrics;
import io.nauta.controllers.podautoscaler.PodMetricsSource;
import io.nauta.controllers.replicaset.ReplicaSetController;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import io.nauta.simulator.NodeTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The horizontal pod autoscaler against a real server with simulated nodes: the Deployment and
 * ReplicaSet controllers and the autoscaler run in the test (the server's own controllers are off),
 * the autoscaler reading pod metrics from a fake source whose CPU usage the test sets. The
 * autoscaler scales up under load, never beyond maxReplicas, down only after the (shortened)
 * stabilization window, never below minReplicas; conditions, events and {@code kubectl get hpa}
 * show it as in Kubernetes; {@code kubectl autoscale} (autoscaling/v1 in protobuf) works.
 */
class HorizontalPodAutoscalerIT extends ServerProcessTest {
  private final FakeMetrics metrics = new FakeMetrics();
  private final List<Controller> controllers = new ArrayList<>();
  private Informers informers;
  private EventRecorder events;

  @Override
  protected String[] serverArgs() {
    return new String[] {"--disable-controllers"};
  }

  @BeforeAll
  void startControllers() throws Exception {
    simulateNodes(new NodeTemplate("hpa-node-", "16", "64Gi", "110", Map.of(), List.of()), 2);
    metrics.client = client();
    informers = new Informers(client());
    events = new EventRecorder(client(), "controller-manager", Clock.systemUTC());
    Clock clock = Clock.systemUTC();
    controllers.add(new ReplicaSetController(client(), informers, events, clock));
    controllers.add(new DeploymentController(client(), informers, events, clock));
    controllers.add(
        new HorizontalPodAutoscalerController(
            client(),
            informers,
            events,
            clock,
            new HorizontalPodAutoscalerController.Config(
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                0.1,
                Duration.ofMinutes(5),
                Duration.ofSeconds(30)),
            metrics));
    informers.start();
    controllers.forEach(Controller::run);
  }

  @AfterAll
  void stopControllers() {
    controllers.forEach(Controller::close);
    if (informers != null) {
      informers.close();
    }
    if (events != null) {
      events.close();
    }
  }

  /** CPU usage per running pod, by the pod's {@code app} label; pods of other apps have none. */
  static final class FakeMetrics implements PodMetricsSource {
    final Map<String, Long> cpuMilli = new ConcurrentHashMap<>();
    final List<String> selectors = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile KubernetesClient client;

    @Override
    public List<PodMetrics> list(String namespace, String labelSelector) {
      selectors.add(labelSelector);
      LabelSelector sel = LabelSelector.parse(labelSelector);
      List<PodMetrics> out = new ArrayList<>();
      for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
        Map<String, String> labels =
            p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
        Long cpu = cpuMilli.get(labels.getOrDefault("app", ""));
        if (!sel.matches(labels)
            || cpu == null
            || p.getStatus() == null
            || !"Running".equals(p.getStatus().getPhase())) {
          continue;
        }
        out.add(
            new PodMetrics(
                p.getMetadata().getName(),
                Instant.now(),
                Duration.ZERO,
                List.of(
                    new PodMetrics.ContainerMetrics(
                        "web", Map.of("cpu", cpu, "memory", 64L * 1024 * 1024 * 1000)))));
      }
      return out;
    }
  }

  private void deployment(String name, String cpuRequest) throws Exception {
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s}
        spec:
          replicas: 1
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - {name: web, image: busybox, resources: {requests: {cpu: %s}}}
        """
            .formatted(name, name, name, cpuRequest),
        "apply",
        "-f",
        "-");
  }

  private int replicas(String deployment) throws Exception {
    return client()
        .apps()
        .deployments()
        .inNamespace("default")
        .withName(deployment)
        .get()
        .getSpec()
        .getReplicas();
  }

  private String condition(String hpa, String type, String field) throws Exception {
    return ok(
            "get",
            "hpa",
            hpa,
            "-o",
            "jsonpath={.status.conditions[?(@.type==\"" + type + "\")]." + field + "}")
        .out();
  }

  @Test
  void scalesUpUnderLoadWithinMaxAndDownAfterTheStabilizationWindow() throws Exception {
    deployment("web", "100m");
    ok("rollout", "status", "deploy/web", "--timeout=60s");
    nauta.kubectlWithInput(
        """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 1
          maxReplicas: 4
          metrics:
          - type: Resource
            resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
          behavior:
            scaleDown: {stabilizationWindowSeconds: 6}
        """,
        "apply",
        "-f",
        "-");
    metrics.cpuMilli.put("web", 150L);

    await().atMost(Duration.ofSeconds(60)).until(() -> replicas("web") == 4);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "hpa", "web").out())
                    .containsPattern("web\\s+Deployment/web\\s+cpu: 150%/50%\\s+1\\s+4\\s+4\\s"));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> replicas("web") == 4);
    assertThat(condition("web", "ScalingLimited", "reason")).isEqualTo("TooManyReplicas");
    assertThat(condition("web", "ScalingActive", "reason")).isEqualTo("ValidMetricFound");
    assertThat(metrics.selectors).contains("app=web");
    String described = ok("describe", "hpa", "web").out();
    assertThat(described)
        .contains(
            "SuccessfulRescale",
            "New size: 3; reason: cpu resource utilization (percentage of request) above target",
            "New size: 4; reason: cpu resource utilization (percentage of request) above target")
        .doesNotContain("New size: 5");
    assertThat(ok("get", "hpa", "web", "-o", "jsonpath={.status.lastScaleTime}").out())
        .isNotEmpty();

    Instant calm = Instant.now();
    metrics.cpuMilli.put("web", 10L);
    await().atMost(Duration.ofSeconds(60)).until(() -> replicas("web") == 1);
    assertThat(Duration.between(calm, Instant.now())).isGreaterThan(Duration.ofSeconds(4));
    assertThat(ok("describe", "hpa", "web").out())
        .contains("New size: 1; reason: All metrics below target");

    metrics.cpuMilli.put("web", 0L);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(condition("web", "ScalingLimited", "reason"))
                    .isEqualTo("TooFewReplicas"));
    assertThat(replicas("web")).isEqualTo(1);
    assertThat(ok("get", "hpa", "web", "-o", "jsonpath={.status.desiredReplicas}").out())
        .isEqualTo("1");
  }

  @Test
  void kubectlAutoscaleMakesAnAutoscalerThatShowsItsTargets() throws Exception {
    deployment("api", "200m");
    ok("rollout", "status", "deploy/api", "--timeout=60s");
    metrics.cpuMilli.put("api", 104L);
    assertThat(ok("autoscale", "deployment", "api", "--cpu-percent=50", "--min=1", "--max=5").out())
        .contains("horizontalpodautoscaler.autoscaling/api autoscaled");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "hpa", "api").out())
                    .containsPattern("api\\s+Deployment/api\\s+cpu: 52%/50%\\s+1\\s+5\\s+1\\s"));
    // within the tolerance: no rescale
    assertThat(condition("api", "AbleToScale", "reason")).isEqualTo("ReadyForNewScale");
    assertThat(replicas("api")).isEqualTo(1);
    // the autoscaling/v1 view carries the CPU utilization
    assertThat(
            ok(
                    "get",
                    "--raw",
                    "/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/api")
                .out())
        .contains(
            "\"currentCPUUtilizationPercentage\":52", "\"targetCPUUtilizationPercentage\":50");
  }

  @Test
  void metricsWithoutASourceAndMissingTargetsAreReported() throws Exception {
    deployment("queue", "100m");
    nauta.kubectlWithInput(
        """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: queue}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: queue}
          maxReplicas: 3
          metrics:
          - type: Pods
            pods:
              metric: {name: packets-per-second}
              target: {type: AverageValue, averageValue: 1k}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: ghost}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ghost}
          maxReplicas: 3
        """,
        "apply",
        "-f",
        "-");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(condition("queue", "ScalingActive", "reason"))
                  .isEqualTo("FailedGetPodsMetric");
              assertThat(condition("ghost", "AbleToScale", "reason")).isEqualTo("FailedGetScale");
            });
    assertThat(condition("queue", "ScalingActive", "status")).isEqualTo("False");
    assertThat(condition("queue", "ScalingActive", "message"))
        .isEqualTo(
            "the HPA was unable to compute the replica count: unable to get metric"
                + " packets-per-second: unable to fetch metrics from custom metrics API: no custom"
                + " metrics API (custom.metrics.k8s.io) registered");
    assertThat(condition("ghost", "AbleToScale", "message"))
        .startsWith("the HPA controller was unable to get the target's current scale:")
        .contains("ghost");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("describe", "hpa", "queue").out())
                    .contains("FailedGetPodsMetric", "FailedComputeMetricsReplicas"));
    assertThat(ok("get", "hpa", "queue").out()).contains("<unknown>/1k");
    assertThat(replicas("queue")).isEqualTo(1);
  }

  @Test
  void bringsAnyScalableKindWithinItsBounds() throws Exception {
    // no StatefulSet controller runs here: only the scale subresource is at stake
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: 5
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: busybox}]}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: db}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
          minReplicas: 1
          maxReplicas: 2
        """,
        "apply",
        "-f",
        "-");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client()
                        .apps()
                        .statefulSets()
                        .inNamespace("default")
                        .withName("db")
                        .get()
                        .getSpec()
                        .getReplicas()
                    == 2);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("describe", "hpa", "db").out())
                    .contains(
                        "New size: 2; reason: Current number of replicas above Spec.MaxReplicas"));
  }
}
