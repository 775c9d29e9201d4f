package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.cri.HostCleanup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the multi-node tests: {@link #NODES} machines on this one, each a network namespace of
 * its own (loopback, an {@code eth0} veth on a shared bridge in the host namespace, a default route
 * via the host) running its own {@code nauta agent} and containerd, joined to a server on the host
 * with the server's token. The host's end of the bridge is the server's address ({@link #hostIp});
 * the nodes are {@code <subnet>.11}, {@code .12}, ... Everything is removed afterwards: agents
 * (with their pods) stopped by PID, namespaces, bridge and mounts.
 */
abstract class MultiNodeTest extends ServerProcessTest {
  static final int NODES = 3;

  /** The first three octets of the nodes' network, e.g. {@code 10.217.4}. */
  protected final String subnet = "10.217." + ThreadLocalRandom.current().nextInt(256);

  private final String tag =
      HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
  private final String bridge = "ntmb" + tag;
  protected final List<String> namespaces = new ArrayList<>();
  protected final List<NautaProcess> agents = new ArrayList<>();

  /** The server's address on the nodes' network. */
  protected String hostIp() {
    return subnet + ".1";
  }

  /** Node {@code i}'s (0-based) name. */
  protected String node(int i) {
    return "mn-" + (i + 1);
  }

  /** Node {@code i}'s address. */
  protected String nodeIp(int i) {
    return subnet + "." + (11 + i);
  }

  /** Node {@code i}'s network namespace. */
  protected String netns(int i) {
    return "ntm" + tag + "-" + (i + 1);
  }

  @Override
  @BeforeAll
  void startServer() throws Exception {
    // the bridge first: the server's serving certificate names the addresses it has at start
    sh("ip", "link", "add", bridge, "type", "bridge");
    sh("ip", "addr", "add", hostIp() + "/24", "dev", bridge);
    sh("ip", "link", "set", bridge, "up");
    for (int i = 0; i < NODES; i++) {
      String ns = netns(i);
      sh("ip", "netns", "add", ns);
      namespaces.add(ns);
      String veth = "ntmv" + tag + (i + 1);
      sh("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
      sh("ip", "link", "set", veth, "master", bridge, "up");
      sh("ip", "-n", ns, "addr", "add", nodeIp(i) + "/24", "dev", "eth0");
      sh("ip", "-n", ns, "link", "set", "eth0", "up");
      sh("ip", "-n", ns, "link", "set", "lo", "up");
      sh("ip", "-n", ns, "route", "add", "default", "via", hostIp());
    }
    super.startServer();
    for (int i = 0; i < NODES; i++) {
      agents.add(
          NautaProcess.launchIn(
              netns(i),
              dir.resolve("data"),
              port,
              List.of(
                  "agent",
                  "--server",
                  "https://" + hostIp() + ":" + port,
                  "--token-file",
                  dir.resolve("data").resolve("token").toString(),
                  "--node-name",
                  node(i),
                  "--node-ip",
                  nodeIp(i),
                  "--data-dir",
                  dir.resolve(node(i)).toString(),
                  "--stop-pods-on-exit"),
              "Nauta node agent is running"));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              String nodes = ok("get", "nodes").out();
              for (int i = 0; i < NODES; i++) {
                assertThat(nodes).containsPattern(node(i) + "\\s+Ready");
              }
            });
  }

  @Override
  protected String[] serverArgs() {
    return new String[] {
      "--bind-address", "0.0.0.0", "--dns-port", "0", "--advertise-address", hostIp()
    };
  }

  @AfterAll
  void stopNodes() throws Exception {
    try {
      for (NautaProcess a : agents) {
        a.close();
      }
    } finally {
      for (String ns : namespaces) {
        shQuiet("ip", "netns", "delete", ns);
      }
      HostCleanup.deleteLink(bridge);
      HostCleanup.unmountUnder(dir);
    }
  }

  /**
   * Runs {@code command} in node {@code i}'s network namespace (as its host would, outside any
   * pod); returns exit code and output.
   */
  protected Kubectl.Result onNode(int i, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + netns(i), "--"));
    cmd.addAll(List.of(command));
    return exec(cmd);
  }

  /**
   * A pod manifest running busybox httpd on port 8080 that answers with its pod name, from the
   * sandbox image every node already has (no registry needed), on node {@code node} when not null.
   */
  protected static String webPod(String name, String labels, String node) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":%s},
         "spec":{%s"terminationGracePeriodSeconds":1,
          "containers":[{"name":"web","image":"nauta.local/pause:1","imagePullPolicy":"Never",
           "command":["/bin/busybox","sh","-c",
            "mkdir -p /www && echo %s > /www/index.html && exec busybox httpd -f -p 8080 -h /www"],
           "ports":[{"name":"http","containerPort":8080}]}]}}
        """
        .formatted(name, labels, node == null ? "" : "\"nodeName\":\"" + node + "\",", name);
  }

  /** A pod that only sleeps, to run commands in with kubectl exec, on node {@code node}. */
  protected static String clientPod(String name, String node) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"nodeName":"%s","terminationGracePeriodSeconds":1,
          "containers":[{"name":"c","image":"nauta.local/pause:1","imagePullPolicy":"Never"}]}}
        """
        .formatted(name, node);
  }

  /** Creates {@code manifest} with kubectl and asserts it worked. */
  protected void create(String manifest) throws Exception {
    Kubectl.Result r = nauta.kubectlWithInput(manifest, "create", "-f", "-");
    assertThat(r.code()).as(r.all()).isZero();
  }

  /** Runs {@code command} in pod {@code pod} through kubectl exec; returns code and output. */
  protected Kubectl.Result inPod(String pod, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of("exec", pod, "--", "/bin/busybox"));
    args.addAll(List.of(command));
    return nauta.kubectl(args.toArray(String[]::new));
  }

  /**
   * Fetches {@code url} from inside pod {@code pod} with busybox wget, giving up after 10 s
   * (busybox's own {@code wget -T} crashes the static build here).
   */
  protected Kubectl.Result fetch(String pod, String url) throws Exception {
    return inPod(pod, "timeout", "10", "/bin/busybox", "wget", "-q", "-O", "-", url);
  }

  protected static void sh(String... command) throws Exception {
    Kubectl.Result r = exec(List.of(command));
    if (r.code() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + r.all());
    }
  }

  private static void shQuiet(String... command) {
    try {
      exec(List.of(command));
    } catch (Exception e) {
      // best effort
    }
  }

  private static Kubectl.Result exec(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out;
    try {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      out = e.toString();
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Kubectl.Result(-1, out, "timed out");
    }
    return new Kubectl.Result(p.exitValue(), out, "");
  }
}
