package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real containers: {@code nauta agent} with its own containerd joins a real server, and pods
 * created with kubectl run on it from an image in a registry on loopback (plain HTTP, no setup): a
 * web server answers on its pod IP, containers that exit report their exit code and phase, and a
 * deleted pod is stopped and removed.
 */
class PodsOnAgentIT extends RealNodeTest {

  @BeforeAll
  void startAgent() throws Exception {
    startNode("box-1");
  }

  private void pod(String name, String restartPolicy, String... command) throws Exception {
    StringBuilder cmd = new StringBuilder();
    for (String c : command) {
      cmd.append(cmd.isEmpty() ? "" : ",").append('"').append(c).append('"');
    }
    nauta.kubectlWithInput(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"restartPolicy":"%s","terminationGracePeriodSeconds":5,
                 "containers":[{"name":"c","image":"%s","command":[%s]}]}}
        """
            .formatted(name, restartPolicy, image, cmd),
        "create",
        "-f",
        "-");
  }

  private String field(String pod, String jsonpath) throws Exception {
    return ok("get", "pod", pod, "-o", "jsonpath=" + jsonpath).out();
  }

  @Test
  void runsAWebServerReachableOnItsPodIpAndRemovesItWhenDeleted() throws Exception {
    pod("web", "Always", "httpd", "-f", "-p", "8080", "-h", "/www");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "web").out()).containsPattern("web\\s+1/1\\s+Running"));
    String ip = field("web", "{.status.podIP}");
    assertThat(ip).startsWith(subnet + ".");
    assertThat(field("web", "{.status.hostIP}")).isEqualTo("127.0.0.1");
    assertThat(field("web", "{.status.containerStatuses[0].containerID}"))
        .startsWith("containerd://");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        http.send(
                                HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString())
                            .body())
                    .isEqualTo("hello from nauta\n"));
    // events are sent in the background; the image may have been pulled by another pod before
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pod", "web").out())
                    .contains("Pulled", "Created container c", "Started container c", "kubelet"));

    ok("delete", "pod", "web", "--timeout=30s");
    assertThat(nauta.kubectl("get", "pod", "web").all()).contains("NotFound");
  }

  @Test
  void containersThatExitReportTheirCodeAndPhase() throws Exception {
    pod("done", "Never", "sh", "-c", "exit 0");
    pod("broken", "Never", "sh", "-c", "exit 3");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(field("done", "{.status.phase}")).isEqualTo("Succeeded");
              assertThat(field("broken", "{.status.phase}")).isEqualTo("Failed");
            });
    assertThat(field("broken", "{.status.containerStatuses[0].state.terminated.exitCode}"))
        .isEqualTo("3");
    assertThat(field("done", "{.status.containerStatuses[0].state.terminated.reason}"))
        .isEqualTo("Completed");
    assertThat(ok("get", "pods").out()).containsPattern("done\\s+0/1\\s+Completed");
  }

  private void probedPod(String name, String probeKind, String probeFile, String script)
      throws Exception {
    Kubectl.Result r =
        nauta.kubectlWithInput(
            """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"terminationGracePeriodSeconds":2,
                 "containers":[{"name":"c","image":"%s","command":["sh","-c","%s"],
                   "%s":{"exec":{"command":["test","-f","%s"]},
                         "periodSeconds":1,"failureThreshold":1}}]}}
        """
                .formatted(name, image, script, probeKind, probeFile),
            "create",
            "-f",
            "-");
    assertThat(r.code()).as(r.all()).isZero();
  }

  @Test
  void readinessFollowsTheProbe() throws Exception {
    probedPod(
        "flaky",
        "readinessProbe",
        "/tmp/ready",
        "sleep 3; touch /tmp/ready; sleep 5; rm /tmp/ready; sleep 3600");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "flaky").out())
                    .containsPattern("flaky\\s+0/1\\s+Running"));
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "flaky").out())
                    .containsPattern("flaky\\s+1/1\\s+Running"));
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "flaky").out())
                    .containsPattern("flaky\\s+0/1\\s+Running"));
    assertThat(ok("describe", "pod", "flaky").out())
        .contains("Unhealthy", "Readiness probe failed");
  }

  @Test
  void aFailedLivenessProbeRestartsTheContainer() throws Exception {
    probedPod(
        "sick",
        "livenessProbe",
        "/tmp/alive",
        "touch /tmp/alive; sleep 2; rm /tmp/alive; sleep 3600");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(field("sick", "{.status.containerStatuses[0].restartCount}"))
                    .isNotIn("", "0"));
    assertThat(ok("describe", "pod", "sick").out())
        .contains("Liveness probe failed", "failed liveness probe, will be restarted");
  }

  @Test
  void aCrashingContainerBacksOff() throws Exception {
    pod("crash", "Always", "sh", "-c", "exit 1");
    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(
            () -> {
              assertThat(ok("get", "pod", "crash").out()).contains("CrashLoopBackOff");
              assertThat(field("crash", "{.status.containerStatuses[0].restartCount}"))
                  .isNotIn("", "0");
            });
    assertThat(ok("describe", "pod", "crash").out())
        .contains("Back-off restarting failed container");
  }

  @Test
  void initContainersRunOneAfterAnotherToSuccessBeforeTheMainContainer() throws Exception {
    nauta.kubectlWithInput(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"ordered"},
         "spec":{"restartPolicy":"Never","terminationGracePeriodSeconds":1,
                 "initContainers":[
                   {"name":"first","image":"%1$s","command":["sh","-c","sleep 1; echo 1 >> /w/log"],
                    "volumeMounts":[{"name":"w","mountPath":"/w"}]},
                   {"name":"second","image":"%1$s","command":["sh","-c","echo 2 >> /w/log"],
                    "volumeMounts":[{"name":"w","mountPath":"/w"}]}],
                 "containers":[
                   {"name":"main","image":"%1$s",
                    "command":["sh","-c","test \\"$(cat /w/log)\\" = \\"$(printf '1\\\\n2')\\""],
                    "volumeMounts":[{"name":"w","mountPath":"/w"}]}],
                 "volumes":[{"name":"w","emptyDir":{}}]}}
        """
            .formatted(image),
        "create",
        "-f",
        "-");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(field("ordered", "{.status.phase}")).isEqualTo("Succeeded"));
    assertThat(field("ordered", "{.status.initContainerStatuses[*].state.terminated.reason}"))
        .isEqualTo("Completed Completed");
    ok("delete", "pod", "ordered", "--grace-period=1");
  }
}
