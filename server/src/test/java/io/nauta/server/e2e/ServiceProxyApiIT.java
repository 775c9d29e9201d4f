package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nauta.node.proxy.Conntrack;
import io.nauta.node.proxy.Nft;
import io.nauta.node.proxy.ServiceProxy;
import io.nauta.simulator.NodeTemplate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service proxy fed by a real server: informers on Services and the EndpointSlices the server's
 * controller writes for pods on simulated nodes, rules applied in a scratch network namespace
 * ({@code npx-api}). Checks the rules follow scaling and deletion. Needs root.
 */
class ServiceProxyApiIT extends ServerProcessTest {
  private static final String NS = "npx-api";
  private static final Pattern DNAT = Pattern.compile("dnat to (\\d+\\.\\d+\\.\\d+\\.\\d+):8080");

  private ServiceProxy proxy;
  private final List<ServiceProxy.Sync> syncs = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  void startProxy() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    simulateNodes(new NodeTemplate("spx-node-", "8", "16Gi", "110", Map.of(), List.of()), 2);
    run("ip", "netns", "del", NS);
    assertThat(run("ip", "netns", "add", NS)).isZero();
    proxy =
        ServiceProxy.start(
            client(),
            new ServiceProxy.Config("spx-node-0", "10.42.0.0/16"),
            new Nft(List.of("ip", "netns", "exec", NS, "nft")),
            new Conntrack(List.of("ip", "netns", "exec", NS, "conntrack")),
            Clock.systemUTC());
    proxy.onSync(syncs::add);
  }

  @AfterAll
  void stopProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    run("ip", "netns", "del", NS);
  }

  @Test
  void rulesFollowTheServicesEndpoints() throws Exception {
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: c
                image: busybox
                ports: [{name: http, containerPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          type: NodePort
          clusterIP: 10.43.0.77
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http, nodePort: 30777}]
        """,
        "apply",
        "-f",
        "-");
    String clusterIp = ok("get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}").out().trim();
    String nodePort =
        ok("get", "svc", "web", "-o", "jsonpath={.spec.ports[0].nodePort}").out().trim();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(backends())
                    .as("%s\n%s", syncs, ok("get", "svc", "web", "-o", "yaml").out())
                    .isEqualTo(podIps())
                    .hasSize(3));
    String table = table();
    assertThat(table).contains(clusterIp + " . tcp . 80 : goto svc-").contains("tcp . " + nodePort);

    ok("scale", "deployment", "web", "--replicas=1");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(backends()).isEqualTo(podIps()).hasSize(1));

    ok("delete", "service", "web");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(table()).doesNotContain("default/web", clusterIp));
  }

  /** The addresses the rules DNAT to. */
  private Set<String> backends() throws Exception {
    Set<String> ips = new TreeSet<>();
    Matcher m = DNAT.matcher(table());
    while (m.find()) {
      ips.add(m.group(1));
    }
    return ips;
  }

  private Set<String> podIps() throws Exception {
    String out =
        ok(
                "get",
                "pods",
                "-l",
                "app=web",
                "--field-selector=status.phase=Running",
                "-o",
                "jsonpath={range .items[*]}{.status.podIP} {.metadata.deletionTimestamp}{\"\\n\"}{end}")
            .out();
    Set<String> ips = new TreeSet<>();
    for (String line : out.split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length == 1 && !f[0].isEmpty()) {
        ips.add(f[0]); // not being deleted
      }
    }
    return ips;
  }

  private static String table() throws Exception {
    Process p =
        new ProcessBuilder("ip", "netns", "exec", NS, "nft", "list", "table", "ip", "nauta-proxy")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static int run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(Arrays.asList(cmd)).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
