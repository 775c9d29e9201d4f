package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl streams from real containers through the API server and {@code nauta agent}:
 * logs (tail, limit, timestamps, since, follow, previous), exec (output, exit codes, stdin, a TTY),
 * cp both ways, port-forward, attach, and the node's stats summary through the node proxy; and the
 * errors Kubernetes gives for a container that does not exist or a pod no node runs.
 */
class PodStreamingIT extends RealNodeTest {
  private final List<Process> background = new java.util.ArrayList<>();

  @BeforeAll
  void startAgent() throws Exception {
    startNode("box-2", "--agent-port=" + NautaProcess.freePort());
    // stdout and stderr reach the log through separate pipes: the pause keeps their order certain
    pod(
        "printer",
        "Always",
        "for i in 1 2 3 4 5; do echo l$i; done; sleep 1; echo oops >&2; sleep 3600");
    pod("web", "Always", "httpd -f -p 8080 -h /www");
    running("printer");
    running("web");
  }

  @AfterAll
  void stopBackground() {
    background.forEach(Process::destroyForcibly);
  }

  private void pod(String name, String restartPolicy, String script) throws Exception {
    Kubectl.Result r =
        nauta.kubectlWithInput(
            """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
             "spec":{"restartPolicy":"%s","terminationGracePeriodSeconds":1,
                     "containers":[{"name":"c","image":"%s","command":["sh","-c",%s]}]}}
            """
                .formatted(name, restartPolicy, image, quote(script)),
            "create",
            "-f",
            "-");
    assertThat(r.code()).as(r.all()).isZero();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void running(String pod) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", pod).out())
                    .containsPattern(pod + "\\s+1/1\\s+Running"));
  }

  private Kubectl.Result kubectl(String... args) throws Exception {
    return nauta.kubectl(args);
  }

  private Process background(Path out, String... args) throws Exception {
    Process p = Kubectl.startBackground(nauta.kubeconfig(), out, args);
    background.add(p);
    return p;
  }

  @Test
  void logsSelectWhatKubectlAsksFor() throws Exception {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(ok("logs", "printer").out()).isEqualTo("l1\nl2\nl3\nl4\nl5\noops\n"));
    assertThat(ok("logs", "printer", "-c", "c", "--tail=2").out()).isEqualTo("l5\noops\n");
    assertThat(ok("logs", "printer", "--limit-bytes=5").out()).isEqualTo("l1\nl2");
    assertThat(ok("logs", "pod/printer", "--since=1h").out()).startsWith("l1\n");
    String future = Instant.now().plus(Duration.ofHours(1)).toString();
    assertThat(ok("logs", "printer", "--since-time=" + future).out()).isEmpty();
    assertThat(ok("logs", "printer", "--timestamps", "--tail=1").out())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z oops\n");
  }

  @Test
  void followedLogsShowNewLinesAndPreviousShowsTheRestartedInstance() throws Exception {
    pod("ticker", "Always", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.5; done");
    pod("crasher", "Always", "echo run $RANDOM$RANDOM; sleep 4; exit 1");
    running("ticker");
    Path out = dir.resolve("follow.txt");
    background(out, "logs", "-f", "ticker");
    await().atMost(Duration.ofSeconds(10)).until(() -> ticks(out) >= 0);
    int first = ticks(out);
    await().atMost(Duration.ofSeconds(15)).until(() -> ticks(out) >= first + 4);

    // the first instance's output, then after the restart it is the previous one
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(ok("logs", "crasher").out()).startsWith("run "));
    String firstRun = ok("logs", "crasher").out();
    Kubectl.Result none = kubectl("logs", "crasher", "--previous");
    assertThat(none.code()).isNotZero();
    assertThat(none.err()).contains("previous terminated container \"c\" in pod \"crasher\"");
    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(
            () ->
                assertThat(
                        ok(
                                "get",
                                "pod",
                                "crasher",
                                "-o",
                                "jsonpath={.status.containerStatuses[0].restartCount}")
                            .out())
                    .isEqualTo("1"));
    assertThat(ok("logs", "crasher", "--previous").out()).isEqualTo(firstRun);
  }

  private static int ticks(Path out) throws Exception {
    if (!Files.exists(out)) {
      return -1;
    }
    Matcher m = Pattern.compile("tick (\\d+)").matcher(Files.readString(out));
    int last = -1;
    while (m.find()) {
      last = Integer.parseInt(m.group(1));
    }
    return last;
  }

  @Test
  void execRunsCommandsWithTheirOutputExitCodeAndStdin() throws Exception {
    Kubectl.Result r = kubectl("exec", "printer", "--", "sh", "-c", "echo out; echo err >&2");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).isEqualTo("out\n");
    assertThat(r.err()).isEqualTo("err\n");

    Kubectl.Result failed = kubectl("exec", "printer", "--", "sh", "-c", "exit 3");
    assertThat(failed.code()).as(failed.all()).isEqualTo(3);

    Kubectl.Result piped =
        nauta.kubectlWithInput("hello\nworld\n", "exec", "-i", "printer", "--", "wc", "-l");
    assertThat(piped.code()).as(piped.all()).isZero();
    assertThat(piped.out().trim()).isEqualTo("2");
  }

  @Test
  void execWithATerminal() throws Exception {
    // the terminal's size goes along (and follows resizes); the shell reads it a moment later
    String command =
        "stty rows 45 cols 123; "
            + Kubectl.binary()
            + " --kubeconfig="
            + nauta.kubeconfig()
            + " exec -it printer -- sh -c 'tty; sleep 1; stty size; exit 4'";
    // script gives kubectl a terminal, as a user's shell would
    Path out = dir.resolve("tty.txt");
    Process p =
        new ProcessBuilder("script", "-qec", command, "/dev/null")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    background.add(p);
    p.getOutputStream().close();
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(out);
    assertThat(p.exitValue()).as(output).isEqualTo(4);
    assertThat(output).contains("/dev/pts/", "45 123");
  }

  @Test
  void theSpdyFallbackWorksToo() throws Exception {
    var spdy = java.util.Map.of("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false");
    Kubectl.Result r =
        Kubectl.runWithEnv(
            nauta.kubeconfig(), spdy, "exec", "printer", "--", "sh", "-c", "echo spdy; exit 5");
    assertThat(r.code()).as(r.all()).isEqualTo(5);
    assertThat(r.out()).isEqualTo("spdy\n");
    Kubectl.Result piped =
        Kubectl.run(
            nauta.kubeconfig(), "a\nb\nc\n", spdy, "exec", "-i", "printer", "--", "wc", "-l");
    assertThat(piped.out().trim()).as(piped.all()).isEqualTo("3");

    int local = NautaProcess.freePort();
    Path out = dir.resolve("port-forward-spdy.txt");
    List<String> cmd =
        List.of(
            Kubectl.binary(),
            "--kubeconfig=" + nauta.kubeconfig(),
            "port-forward",
            "pod/web",
            local + ":8080");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false");
    background.add(pb.start());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> Files.exists(out) && Files.readString(out).contains("Forwarding from"));
    assertThat(get("http://127.0.0.1:" + local + "/")).isEqualTo("hello from nauta\n");
  }

  private static String get(String url) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void logsOfADeploymentComeFromOneOfItsPods() throws Exception {
    ok(
        "create",
        "deployment",
        "talker",
        "--image=" + image,
        "--",
        "sh",
        "-c",
        "echo from the deployment; sleep 3600");
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .untilAsserted(
            () -> assertThat(ok("logs", "deploy/talker").out()).isEqualTo("from the deployment\n"));
  }

  @Test
  void cpCopiesFilesInAndOut() throws Exception {
    Path local = file("upload.txt", "copied in and out\n");
    ok("cp", local.toString(), "printer:/tmp/upload.txt");
    assertThat(ok("exec", "printer", "--", "cat", "/tmp/upload.txt").out())
        .isEqualTo("copied in and out\n");
    Path back = dir.resolve("download.txt");
    ok("cp", "printer:/tmp/upload.txt", back.toString());
    assertThat(Files.readString(back)).isEqualTo("copied in and out\n");
  }

  @Test
  void portForwardReachesTheContainer() throws Exception {
    int local = NautaProcess.freePort();
    Path out = dir.resolve("port-forward.txt");
    background(out, "port-forward", "pod/web", local + ":8080");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> Files.exists(out) && Files.readString(out).contains("Forwarding from"));
    for (int i = 0; i < 3; i++) {
      assertThat(get("http://127.0.0.1:" + local + "/")).isEqualTo("hello from nauta\n");
    }
    // and the API server's pod proxy reaches it too
    assertThat(ok("get", "--raw", "/api/v1/namespaces/default/pods/web:8080/proxy/").out())
        .isEqualTo("hello from nauta\n");
  }

  @Test
  void attachStreamsTheContainersOutput() throws Exception {
    pod("chatty", "Always", "i=0; while true; do echo chat $i; i=$((i+1)); sleep 0.5; done");
    running("chatty");
    Path out = dir.resolve("attach.txt");
    background(out, "attach", "chatty");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                Files.exists(out)
                    && Pattern.compile("chat \\d+\n.*chat \\d+\n", Pattern.DOTALL)
                        .matcher(Files.readString(out))
                        .find());
  }

  @Test
  void statsSummaryThroughTheNodeProxy() throws Exception {
    String summary = ok("get", "--raw", "/api/v1/nodes/box-2/proxy/stats/summary").out();
    assertThat(summary)
        .contains("\"nodeName\":\"box-2\"", "\"name\":\"printer\"", "\"usageCoreNanoSeconds\"")
        .contains("\"workingSetBytes\"");
  }

  @Test
  void errorsAreKubernetesErrors() throws Exception {
    Kubectl.Result missing = kubectl("exec", "printer", "-c", "nope", "--", "true");
    assertThat(missing.code()).isNotZero();
    assertThat(missing.err()).contains("container nope is not valid for pod printer");

    Kubectl.Result logs = kubectl("logs", "printer", "-c", "nope");
    assertThat(logs.code()).isNotZero();
    assertThat(logs.err()).contains("container nope is not valid for pod printer");

    // a pod no node will take: no host to reach
    Kubectl.Result created =
        nauta.kubectlWithInput(
            """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nowhere"},
             "spec":{"nodeSelector":{"no-such":"node"},
                     "containers":[{"name":"c","image":"%s"}]}}
            """
                .formatted(image),
            "create",
            "-f",
            "-");
    assertThat(created.code()).as(created.all()).isZero();
    Kubectl.Result exec = kubectl("exec", "nowhere", "--", "true");
    assertThat(exec.code()).isNotZero();
    assertThat(exec.err()).contains("pod nowhere does not have a host assigned");
    Kubectl.Result unscheduledLogs = kubectl("logs", "nowhere");
    assertThat(unscheduledLogs.code()).as(unscheduledLogs.all()).isZero();
    assertThat(unscheduledLogs.out()).isEmpty();
  }

  @Test
  void aLogPastTenMebibytesIsRotatedAndLogsGoOnFromTheFreshFile() throws Exception {
    pod(
        "chatty",
        "Always",
        "head -c 12000000 /dev/zero | tr '\\0' x | fold -w 1000;"
            + " while true; do echo tick; sleep 1; done");
    running("chatty");
    // the 12 MB went to a rotated file; kubectl logs reads the current one, as with a kubelet
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              String logs = ok("logs", "chatty").out();
              assertThat(logs).contains("tick");
              assertThat(logs.length()).isLessThan(10 << 20);
            });
    ok("delete", "pod", "chatty", "--grace-period=1");
  }
}
