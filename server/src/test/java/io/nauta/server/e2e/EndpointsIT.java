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
 * Endpoints and EndpointSlices on a real server with simulated nodes (which give pods addresses),
 * read with kubectl: Services list their ready pods on the resolved target ports, follow scaling
 * and readiness, publish not-ready pods when asked, and lose their endpoints when deleted.
 */
class EndpointsIT extends ServerProcessTest {
  @BeforeAll
  void startNodes() throws Exception {
    simulateNodes(
        new NodeTemplate(
            "ep-node-", "8", "16Gi", "110", Map.of("topology.kubernetes.io/zone", "z1"), List.of()),
        2);
  }

  private void app(String name, int replicas) throws Exception {
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - name: c
                image: busybox
                ports: [{name: http, containerPort: 8080}]
        """
            .formatted(name, replicas, name, name),
        "apply",
        "-f",
        "-");
  }

  private String podIps(String app) throws Exception {
    return ok(
            "get",
            "pods",
            "-l",
            "app=" + app,
            "--field-selector=status.phase=Running",
            "-o",
            "jsonpath={.items[*].status.podIP}")
        .out()
        .trim();
  }

  @Test
  void servicesListTheirPodsOnTheTargetPort() throws Exception {
    app("web", 3);
    nauta.kubectlWithInput(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: web, labels: {tier: front}}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        """,
        "apply",
        "-f",
        "-");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              String ips = podIps("web");
              assertThat(ips.split(" ")).hasSize(3);
              String eps =
                  ok(
                          "get",
                          "endpoints",
                          "web",
                          "-o",
                          "jsonpath={range .subsets[*].addresses[*]}{.ip} {end}")
                      .out();
              assertThat(eps.trim().split(" ")).containsExactlyInAnyOrder(ips.split(" "));
            });
    assertThat(ok("get", "endpoints", "web").out()).containsPattern(":8080");
    assertThat(ok("get", "endpoints", "web", "-o", "jsonpath={.subsets[0].ports[0]}").out())
        .contains("\"name\":\"http\"", "\"port\":8080", "\"protocol\":\"TCP\"");
    String slices =
        ok(
                "get",
                "endpointslices",
                "-l",
                "kubernetes.io/service-name=web",
                "-o",
                "jsonpath={range .items[*]}{.metadata.labels.endpointslice\\.kubernetes\\.io/managed-by}"
                    + " {.addressType} {.ports[0].port} {.metadata.ownerReferences[0].kind}"
                    + " {range .endpoints[*]}{.conditions.ready}/{.zone}/{.targetRef.kind} {end}{end}")
            .out();
    assertThat(slices)
        .startsWith("endpointslice-controller.k8s.io IPv4 8080 Service ")
        .contains("true/z1/Pod true/z1/Pod true/z1/Pod");
    assertThat(ok("get", "endpointslices", "-l", "tier=front").out()).contains("web-");

    // a pod that stops being ready moves to notReadyAddresses, and its slice says so
    String pod =
        ok("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name}").out();
    String ip = ok("get", "pod", pod, "-o", "jsonpath={.status.podIP}").out();
    ok(
        "patch",
        "pod",
        pod,
        "--subresource=status",
        "--type=json",
        "-p",
        "[{\"op\":\"replace\",\"path\":\"/status/conditions/3/status\",\"value\":\"False\"}]");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(
                      ok(
                              "get",
                              "endpoints",
                              "web",
                              "-o",
                              "jsonpath={.subsets[0].notReadyAddresses[*].ip}")
                          .out())
                  .isEqualTo(ip);
              assertThat(
                      ok(
                              "get",
                              "endpointslices",
                              "-l",
                              "kubernetes.io/service-name=web",
                              "-o",
                              "jsonpath={range .items[*].endpoints[?(@.conditions.ready==false)]}"
                                  + "{.addresses[0]}{end}")
                          .out())
                  .isEqualTo(ip);
            });

    // scaling down shrinks both
    ok("scale", "deploy", "web", "--replicas=1");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String live = podIps("web");
              assertThat(live.split(" ")).hasSize(1);
              assertThat(
                      ok(
                              "get",
                              "endpointslices",
                              "-l",
                              "kubernetes.io/service-name=web",
                              "-o",
                              "jsonpath={.items[*].endpoints[*].addresses[0]}")
                          .out()
                          .trim())
                  .isEqualTo(live);
            });

    // deleting the Service removes its Endpoints and (through garbage collection) its slices
    ok("delete", "service", "web");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(nauta.kubectl("get", "endpoints", "web").all()).contains("NotFound");
              assertThat(ok("get", "endpointslices", "-l", "kubernetes.io/service-name=web").all())
                  .contains("No resources found");
            });
  }

  @Test
  void publishesNotReadyPodsWhenAskedAndLeavesSelectorlessServicesAlone() throws Exception {
    app("db", 2);
    nauta.kubectlWithInput(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: db}
        spec:
          clusterIP: None
          publishNotReadyAddresses: true
          selector: {app: db}
          ports: [{port: 5432, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: external}
        spec:
          ports: [{port: 443}]
        ---
        apiVersion: v1
        kind: Endpoints
        metadata: {name: external}
        subsets: [{addresses: [{ip: 192.0.2.10}], ports: [{port: 443}]}]
        """,
        "apply",
        "-f",
        "-");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        ok("get", "endpoints", "db", "-o", "jsonpath={.subsets[0].addresses[*].ip}")
                            .out()
                            .split(" "))
                    .hasSize(2));
    assertThat(
            ok(
                    "get",
                    "endpoints",
                    "db",
                    "-o",
                    "jsonpath={.metadata.labels.service\\.kubernetes\\.io/headless}|{.subsets[0].ports[0].port}")
                .out())
        .isEqualTo("|8080");
    assertThat(
            ok("get", "endpoints", "external", "-o", "jsonpath={.subsets[0].addresses[0].ip}")
                .out())
        .isEqualTo("192.0.2.10");
    assertThat(ok("get", "endpointslices", "-l", "kubernetes.io/service-name=external").all())
        .contains("No resources found");
  }
}
