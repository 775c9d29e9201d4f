package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nauta.cri.HostCleanup;
import io.nauta.cri.testing.LocalRegistry;
import io.nauta.cri.testing.TestImages;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime side of a pod spec on real containers run by {@code nauta agent}: memory limits kill
 * with OOMKilled and land in the container's cgroup, the securityContext's user, groups and
 * restrictions are what the process has, postStart/preStop hooks run, SIGTERM is followed by
 * SIGKILL after the grace period, hostPort reaches the pod, sidecar init containers run beside the
 * main container, and image pull failures back off. Containers tell the test what they see by
 * calling a "witness" HTTP server on the host through the pod network's gateway.
 */
class PodRuntimeIT extends ServerProcessTest {
  private static final String PULLER = "puller";
  private static final String PULLER_PASSWORD = "s3cret";

  private LocalRegistry registry;
  private LocalRegistry privateRegistry;
  private NautaProcess agent;
  private String bridge;
  private String image;
  private String gateway;
  private HttpServer witness;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<String> tokenUsers = new CopyOnWriteArrayList<>();

  @BeforeAll
  void startAgent() throws Exception {
    witness = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
    witness.createContext("/", this::witnessed);
    witness.createContext("/token", this::token);
    witness.start();
    registry = LocalRegistry.start(dir.resolve("registry"));
    privateRegistry =
        LocalRegistry.startBehindTokenRealm(
            dir.resolve("registry-private"),
            dir.resolve("registry/data"),
            URI.create("http://127.0.0.1:" + witness.getAddress().getPort() + "/token"));
    TestImages.build(dir.resolve("images"), null, registry.hostPort());
    image = TestImages.busyboxAt(registry.hostPort());
    var random = ThreadLocalRandom.current();
    bridge = "nta" + HexFormat.of().toHexDigits((short) random.nextInt());
    String subnet = "10.215." + random.nextInt(256);
    gateway = subnet + ".1";
    agent =
        NautaProcess.startAgent(
            nauta,
            "box-1",
            dir.resolve("agent"),
            "--bridge-name=" + bridge,
            "--pod-cidr=" + subnet + ".0/24");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(ok("get", "node", "box-1").out()).containsPattern("box-1\\s+Ready"));
  }

  @AfterAll
  void stopAgent() throws Exception {
    try {
      if (agent != null) {
        // stopped pods leave no containers, cgroups or port mappings behind on the host
        nauta.kubectl("delete", "pods", "--all", "--grace-period=1", "--timeout=90s");
        agent.close();
      }
      for (LocalRegistry r : new LocalRegistry[] {registry, privateRegistry}) {
        if (r != null) {
          r.close();
        }
      }
      if (witness != null) {
        witness.stop(0);
      }
    } finally {
      HostCleanup.deleteLink(bridge);
      HostCleanup.unmountUnder(dir);
    }
  }

  private void witnessed(HttpExchange exchange) throws java.io.IOException {
    seen.add(exchange.getRequestURI().toString());
    byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** The registry's token realm: a token only for the puller's credentials (basic auth). */
  private void token(HttpExchange exchange) throws java.io.IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((PULLER + ":" + PULLER_PASSWORD).getBytes(StandardCharsets.UTF_8));
    int code;
    byte[] body = new byte[0];
    if (!exchange.getRequestMethod().equals("GET")) {
      code = 404; // no OAuth form endpoint: clients fall back to GET with basic auth
    } else if (expected.equals(auth)) {
      tokenUsers.add(PULLER);
      code = 200;
      body = "{\"token\":\"t\",\"access_token\":\"t\"}".getBytes(StandardCharsets.UTF_8);
    } else {
      code = 401;
    }
    exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  /** A shell command that tells the witness {@code what} (a path, maybe with a query). */
  private String tell(String what) {
    return "wget -q -O- \"http://" + gateway + ":" + witness.getAddress().getPort() + what + "\"";
  }

  /** {@code ["sh","-c",script]} as JSON. */
  private static String sh(String script) {
    StringBuilder s = new StringBuilder("[\"sh\",\"-c\",\"");
    for (char ch : script.toCharArray()) {
      switch (ch) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        default -> s.append(ch);
      }
    }
    return s.append("\"]").toString();
  }

  private void create(String podJson) throws Exception {
    Kubectl.Result r = nauta.kubectlWithInput(podJson, "create", "-f", "-");
    assertThat(r.code()).as(r.all()).isZero();
  }

  private String field(String pod, String jsonpath) throws Exception {
    return ok("get", "pod", pod, "-o", "jsonpath=" + jsonpath).out();
  }

  private void awaitGetPod(String pod, String pattern, int seconds) {
    await()
        .atMost(Duration.ofSeconds(seconds))
        .untilAsserted(() -> assertThat(ok("get", "pod", pod).out()).containsPattern(pattern));
  }

  @Test
  void aContainerOverItsMemoryLimitIsOomKilled() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"hog"},
         "spec":{"restartPolicy":"Never","terminationGracePeriodSeconds":1,
                 "containers":[{"name":"c","image":"%s","command":%s,
                   "resources":{"requests":{"memory":"16Mi"},"limits":{"memory":"24Mi"}}}]}}
        """
            .formatted(image, sh("x=a; while true; do x=$x$x; done")));
    awaitGetPod("hog", "hog\\s+0/1\\s+OOMKilled", 60);
    assertThat(field("hog", "{.status.containerStatuses[0].state.terminated.reason}"))
        .isEqualTo("OOMKilled");
    assertThat(field("hog", "{.status.containerStatuses[0].state.terminated.exitCode}"))
        .isEqualTo("137");
    assertThat(field("hog", "{.status.phase}")).isEqualTo("Failed");
    assertThat(field("hog", "{.status.qosClass}")).isEqualTo("Burstable");
  }

  @Test
  void aRestartedOomKilledContainerShowsItAsLastState() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"hog-again"},
         "spec":{"terminationGracePeriodSeconds":1,
                 "containers":[{"name":"c","image":"%s","command":%s,
                   "resources":{"limits":{"memory":"24Mi"}}}]}}
        """
            .formatted(image, sh("x=a; while true; do x=$x$x; done")));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        field(
                            "hog-again",
                            "{.status.containerStatuses[0].lastState.terminated.reason}"))
                    .isEqualTo("OOMKilled"));
  }

  @Test
  void requestsAndLimitsLandInThePodAndContainerCgroups() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"limited"},
         "spec":{"terminationGracePeriodSeconds":1,
                 "containers":[{"name":"c","image":"%s","command":["sleep","3600"],
                   "resources":{"requests":{"cpu":"250m","memory":"32Mi"},
                                "limits":{"cpu":"500m","memory":"64Mi"}}}]}}
        """
            .formatted(image));
    awaitGetPod("limited", "limited\\s+1/1\\s+Running", 60);
    assertThat(field("limited", "{.status.qosClass}")).isEqualTo("Burstable");
    String uid = ok("get", "pod", "limited", "-o", "jsonpath={.metadata.uid}").out();
    String id =
        field("limited", "{.status.containerStatuses[0].containerID}")
            .substring("containerd://".length());
    Path pod = Path.of("kubepods/burstable/pod" + uid);
    Path cgroups = Path.of("/sys/fs/cgroup");
    assertThat(read(cgroups.resolve("memory").resolve(pod).resolve(id + "/memory.limit_in_bytes")))
        .isEqualTo(Long.toString(64L << 20));
    assertThat(read(cgroups.resolve("cpu").resolve(pod).resolve(id + "/cpu.cfs_quota_us")))
        .isEqualTo("50000");
    assertThat(read(cgroups.resolve("cpu").resolve(pod).resolve(id + "/cpu.shares")))
        .isEqualTo("256");
    assertThat(read(cgroups.resolve("memory").resolve(pod).resolve("memory.limit_in_bytes")))
        .isEqualTo(Long.toString(64L << 20));
    ok("delete", "pod", "limited", "--timeout=60s");
    assertThat(cgroups.resolve("memory").resolve(pod)).doesNotExist();
  }

  private static String read(Path file) throws Exception {
    return Files.readString(file).strip();
  }

  @Test
  void theProcessRunsWithTheSecurityContextsUserGroupsAndRestrictions() throws Exception {
    String report =
        tell(
            "/id?u=$(id -u)&g=$(id -g)&groups=$(id -G | tr ' ' _)"
                + "&root=$(touch /tmp/x 2>/dev/null && echo rw || echo ro)"
                + "&$(grep -E '^(CapEff|NoNewPrivs)' /proc/self/status | tr -d ' \\t' | tr ':\\n' '=&')");
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"locked"},
         "spec":{"restartPolicy":"Never",
                 "securityContext":{"runAsUser":1000,"runAsGroup":3000,
                                    "supplementalGroups":[4000],"fsGroup":2000},
                 "containers":[{"name":"c","image":"%s","command":%s,
                   "securityContext":{"readOnlyRootFilesystem":true,
                                      "allowPrivilegeEscalation":false,
                                      "capabilities":{"drop":["ALL"]}}}]}}
        """
            .formatted(image, sh(report)));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(seen).anyMatch(s -> s.startsWith("/id?")));
    String id = seen.stream().filter(s -> s.startsWith("/id?")).findFirst().orElseThrow();
    assertThat(id)
        .contains("u=1000&", "g=3000&", "root=ro", "CapEff=0000000000000000", "NoNewPrivs=1");
    assertThat(id.replaceAll(".*groups=([0-9_]+).*", "$1").split("_"))
        .contains("3000", "2000", "4000");
    awaitGetPod("locked", "locked\\s+0/1\\s+Completed", 30);
  }

  @Test
  void aPrivilegedContainerHasCapabilitiesAnOrdinaryOneLacks() throws Exception {
    String pod =
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"restartPolicy":"Never",
                 "containers":[{"name":"c","image":"%s","command":%s,
                   "securityContext":{"privileged":%s}}]}}
        """;
    String report = "$(grep CapEff /proc/self/status | tr -d ' \\t' | tr ':' '=')";
    create(pod.formatted("privileged", image, sh(tell("/privileged?" + report)), "true"));
    create(pod.formatted("ordinary", image, sh(tell("/ordinary?" + report)), "false"));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(seen)
                    .anyMatch(s -> s.startsWith("/privileged?"))
                    .anyMatch(s -> s.startsWith("/ordinary?")));
    long sysAdmin = 1L << 21;
    assertThat(capEff("/privileged?") & sysAdmin).isNotZero();
    assertThat(capEff("/ordinary?") & sysAdmin).isZero();
  }

  private long capEff(String prefix) {
    String line = seen.stream().filter(s -> s.startsWith(prefix)).findFirst().orElseThrow();
    return Long.parseUnsignedLong(line.substring(line.indexOf("CapEff=") + 7), 16);
  }

  @Test
  void runAsNonRootRefusesAnImageThatRunsAsRoot() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"rootless"},
         "spec":{"securityContext":{"runAsNonRoot":true},
                 "containers":[{"name":"c","image":"%s","command":["sleep","3600"]}]}}
        """
            .formatted(image));
    awaitGetPod("rootless", "rootless\\s+0/1\\s+CreateContainerConfigError", 60);
    assertThat(field("rootless", "{.status.containerStatuses[0].state.waiting.message}"))
        .contains("container has runAsNonRoot and image will run as root");
  }

  @Test
  void hooksRunAfterStartAndBeforeTheStopOnDeletion() throws Exception {
    int port = witness.getAddress().getPort();
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"hooked"},
         "spec":{"terminationGracePeriodSeconds":10,
                 "containers":[
                   {"name":"a","image":"%1$s","command":%2$s,
                    "lifecycle":{"postStart":{"exec":{"command":%3$s}},
                                 "preStop":{"exec":{"command":%4$s}}}},
                   {"name":"b","image":"%1$s","command":%5$s,
                    "lifecycle":{"preStop":{"httpGet":{"host":"127.0.0.1","port":%6$d,
                                                       "path":"/b-prestop"}}}}]}}
        """
            .formatted(
                image,
                sh("trap '" + tell("/a-term") + "; exit 0' TERM; while true; do sleep 1; done"),
                sh(tell("/a-poststart")),
                sh(tell("/a-prestop")),
                sh("trap 'exit 0' TERM; while true; do sleep 1; done"),
                port));
    awaitGetPod("hooked", "hooked\\s+2/2\\s+Running", 60);
    assertThat(seen).contains("/a-poststart");
    assertThat(seen).doesNotContain("/a-prestop", "/b-prestop", "/a-term");
    ok("delete", "pod", "hooked", "--timeout=60s");
    assertThat(seen).contains("/a-prestop", "/b-prestop", "/a-term");
    assertThat(seen.indexOf("/a-prestop")).isLessThan(seen.indexOf("/a-term"));
  }

  @Test
  void aFailingPostStartHookKillsTheContainer() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad-hook"},
         "spec":{"terminationGracePeriodSeconds":1,
                 "containers":[{"name":"c","image":"%s","command":["sleep","3600"],
                   "lifecycle":{"postStart":{"exec":{"command":%s}}}}]}}
        """
            .formatted(image, sh("exit 3")));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(field("bad-hook", "{.status.containerStatuses[0].restartCount}"))
                    .isNotIn("", "0"));
    assertThat(ok("describe", "pod", "bad-hook").out())
        .contains("FailedPostStartHook", "PostStartHook failed");
  }

  @Test
  void sigtermIsFollowedBySigkillAfterTheGracePeriod() throws Exception {
    String pod =
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"terminationGracePeriodSeconds":%d,
                 "containers":[{"name":"c","image":"%s","command":%s}]}}
        """;
    create(pod.formatted("stubborn", 4, image, sh("trap '' TERM; while true; do sleep 1; done")));
    create(
        pod.formatted(
            "polite",
            30,
            image,
            sh("trap '" + tell("/polite-term") + "; exit 0' TERM; while true; do sleep 1; done")));
    awaitGetPod("stubborn", "stubborn\\s+1/1\\s+Running", 60);
    awaitGetPod("polite", "polite\\s+1/1\\s+Running", 60);

    long t0 = System.nanoTime();
    ok("delete", "pod", "polite", "--timeout=60s");
    Duration polite = Duration.ofNanos(System.nanoTime() - t0);
    t0 = System.nanoTime();
    ok("delete", "pod", "stubborn", "--timeout=60s");
    Duration stubborn = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(seen).contains("/polite-term");
    assertThat(polite).isLessThan(Duration.ofSeconds(15)); // well within its 30 s: it obeyed TERM
    assertThat(stubborn).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(25)); // killed at 4 s
  }

  @Test
  void aHostPortReachesThePodOnTheNode() throws Exception {
    int hostPort = NautaProcess.freePort();
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"exposed"},
         "spec":{"terminationGracePeriodSeconds":1,
                 "containers":[{"name":"web","image":"%s",
                   "command":["httpd","-f","-p","8080","-h","/www"],
                   "ports":[{"containerPort":8080,"hostPort":%d}]}]}}
        """
            .formatted(image, hostPort));
    awaitGetPod("exposed", "exposed\\s+1/1\\s+Running", 60);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        http.send(
                                HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + hostPort + "/"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString())
                            .body())
                    .isEqualTo("hello from nauta\n"));
  }

  @Test
  void aSidecarStartsFirstRunsBesideTheMainContainerAndStopsAfterIt() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"sidecars"},
         "spec":{"terminationGracePeriodSeconds":10,
                 "initContainers":[
                   {"name":"setup","image":"%1$s","command":%2$s},
                   {"name":"proxy","image":"%1$s","restartPolicy":"Always","command":%3$s,
                    "startupProbe":{"tcpSocket":{"port":8081},"periodSeconds":1}}],
                 "containers":[{"name":"main","image":"%1$s","command":%4$s}]}}
        """
            .formatted(
                image,
                sh(tell("/setup-done")),
                sh(
                    "trap '"
                        + tell("/proxy-term")
                        + "; exit 0' TERM; httpd -p 8081 -h /www; while true; do sleep 1; done"),
                sh(
                    "wget -q -O- http://127.0.0.1:8081/ && "
                        + tell("/main-saw-proxy")
                        + "; trap 'wget -q -O- http://127.0.0.1:8081/ && "
                        + tell("/proxy-up-when-main-stopped")
                        + "; exit 0' TERM; while true; do sleep 1; done")));
    awaitGetPod("sidecars", "sidecars\\s+2/2\\s+Running", 60);
    assertThat(seen).contains("/setup-done", "/main-saw-proxy");
    assertThat(field("sidecars", "{.status.initContainerStatuses[1].started}")).isEqualTo("true");
    assertThat(field("sidecars", "{.status.initContainerStatuses[0].state.terminated.reason}"))
        .isEqualTo("Completed");
    ok("delete", "pod", "sidecars", "--timeout=60s");
    assertThat(seen).contains("/proxy-up-when-main-stopped", "/proxy-term");
    assertThat(seen.indexOf("/proxy-up-when-main-stopped")).isLessThan(seen.indexOf("/proxy-term"));
  }

  @Test
  void aCrashingSidecarIsRestartedWhileTheMainContainerRuns() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"flaky-sidecar"},
         "spec":{"terminationGracePeriodSeconds":1,
                 "initContainers":[{"name":"side","image":"%1$s","restartPolicy":"Always",
                                    "command":%2$s}],
                 "containers":[{"name":"main","image":"%1$s","command":["sleep","3600"]}]}}
        """
            .formatted(image, sh("sleep 2; exit 1")));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(field("flaky-sidecar", "{.status.initContainerStatuses[0].restartCount}"))
                  .isNotIn("", "0");
              assertThat(field("flaky-sidecar", "{.status.phase}")).isEqualTo("Running");
            });
    assertThat(field("flaky-sidecar", "{.status.containerStatuses[0].restartCount}"))
        .isEqualTo("0");
    assertThat(field("flaky-sidecar", "{.status.containerStatuses[0].state.running.startedAt}"))
        .isNotEmpty();
  }

  @Test
  void aPodWithASidecarCompletesWhenItsMainContainerDoes() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"job-like"},
         "spec":{"restartPolicy":"Never","terminationGracePeriodSeconds":2,
                 "initContainers":[{"name":"side","image":"%1$s","restartPolicy":"Always",
                                    "command":["sleep","3600"]}],
                 "containers":[{"name":"main","image":"%1$s","command":%2$s}]}}
        """
            .formatted(image, sh("sleep 2")));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(field("job-like", "{.status.phase}")).isEqualTo("Succeeded");
              assertThat(field("job-like", "{.status.initContainerStatuses[0].state.terminated}"))
                  .isNotEmpty();
            });
  }

  @Test
  void aMissingImageBacksOffWithImagePullBackOff() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"missing"},
         "spec":{"containers":[{"name":"c","image":"%s/nauta-test/missing:1"}]}}
        """
            .formatted(registry.hostPort()));
    awaitGetPod("missing", "missing\\s+0/1\\s+ImagePullBackOff", 30);
    // doubling: pulls at 0 s and 10 s, then not before 30 s
    await().atMost(Duration.ofSeconds(20)).until(() -> events("missing", "Pulling") == 2);
    await()
        .during(Duration.ofSeconds(12))
        .atMost(Duration.ofSeconds(14))
        .until(() -> events("missing", "Pulling") == 2);
    assertThat(ok("describe", "pod", "missing").out())
        .contains("Failed to pull image", "Error: ErrImagePull", "Back-off pulling image");
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"never"},
         "spec":{"containers":[{"name":"c","image":"%s/nauta-test/busybox:absent",
                                "imagePullPolicy":"Never"}]}}
        """
            .formatted(registry.hostPort()));
    awaitGetPod("never", "never\\s+0/1\\s+ErrImageNeverPull", 30);
  }

  private long events(String pod, String reason) throws Exception {
    return client().v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> pod.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .count();
  }

  @Test
  void imagePullSecretsAuthenticateToTheRegistry() throws Exception {
    String privateImage = TestImages.busyboxAt(privateRegistry.hostPort());
    String pod =
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"terminationGracePeriodSeconds":1,%s
                 "containers":[{"name":"c","image":"%s","imagePullPolicy":"Always",
                                "command":["sleep","3600"]}]}}
        """;
    create(pod.formatted("anonymous", "", privateImage));
    awaitGetPod("anonymous", "anonymous\\s+0/1\\s+(ErrImagePull|ImagePullBackOff)", 30);
    assertThat(tokenUsers).isEmpty();
    ok(
        "create",
        "secret",
        "docker-registry",
        "regcred",
        "--docker-server=" + privateRegistry.hostPort(),
        "--docker-username=" + PULLER,
        "--docker-password=" + PULLER_PASSWORD);
    create(
        pod.formatted(
            "authorized", "\"imagePullSecrets\":[{\"name\":\"regcred\"}],", privateImage));
    awaitGetPod("authorized", "authorized\\s+1/1\\s+Running", 60);
    assertThat(tokenUsers).contains(PULLER);
  }
}
