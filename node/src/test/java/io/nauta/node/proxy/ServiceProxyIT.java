package io.nauta.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.SessionAffinityConfigBuilder;
import io.nauta.node.proxy.Fixtures.Ep;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's rules in a real kernel: a node namespace with three endpoint pods and a client pod on
 * its bridge and a machine outside; the proxy applies its rules in the node's namespace (nft run
 * through {@code ip netns exec}) and busybox wget checks what clients see. Needs root.
 */
class ServiceProxyIT {
  private static final String CLUSTER_IP = "http://10.43.0.50/";
  private static final String NODE_PORT = "http://" + TestNetwork.NODE_IP + ":30080/";
  private static final List<Ep> THREE =
      List.of(
          Ep.ready("10.42.1.11", "node-a"),
          Ep.ready("10.42.1.12", "node-a"),
          Ep.ready("10.42.1.13", "node-a"));

  @TempDir static Path dir;
  private static TestNetwork net;

  private final MemoryServiceSource source = new MemoryServiceSource();
  private final List<ServiceProxy.Sync> syncs = new java.util.concurrent.CopyOnWriteArrayList<>();
  private ServiceProxy proxy;

  @BeforeAll
  static void network() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    assumeTrue(Path.of("/usr/sbin/nft").toFile().canExecute(), "needs nft (nftables)");
    net = new TestNetwork(dir);
    net.endpoint("ep1", "10.42.1.11");
    net.endpoint("ep2", "10.42.1.12");
    net.endpoint("ep3", "10.42.1.13");
    net.pod("pod", "10.42.1.20");
    await()
        .untilAsserted(
            () -> assertThat(net.get("npx-pod", "http://10.42.1.13:8080/")).isEqualTo("ep3"));
  }

  @AfterAll
  static void removeNetwork() {
    if (net != null) {
      net.close();
    }
  }

  @BeforeEach
  void startProxy() {
    proxy =
        new ServiceProxy(
            source,
            new Nft(List.of("ip", "netns", "exec", TestNetwork.NODE, "nft")),
            new Conntrack(List.of("ip", "netns", "exec", TestNetwork.NODE, "conntrack")),
            new ServiceProxy.Config(
                "node-a", "10.42.0.0/16", Duration.ofMillis(100), Duration.ofSeconds(1)),
            Clock.systemUTC());
    proxy.onSync(syncs::add);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  /** Sets what the API would hold and waits until the proxy applied it. */
  private void serve(List<Service> services, List<Ep> endpoints) {
    source.services = services;
    source.slices = List.of(Fixtures.slice("web-1", "web", endpoints));
    Instant changed = Instant.now();
    proxy.changed();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> syncs.stream().anyMatch(s -> !s.started().isBefore(changed)));
    assertThat(syncs.getLast().error()).isNull();
  }

  private static Set<String> answers(String ns, String url, int requests) throws Exception {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < requests; i++) {
      seen.add(net.get(ns, url));
    }
    return seen;
  }

  private static Service web() {
    return Fixtures.nodePort("web", "10.43.0.50", 30080);
  }

  @Test
  void clusterIpAndNodePortReachEveryEndpointFromPodsTheNodeAndOutside() throws Exception {
    proxy.start();
    serve(List.of(web()), THREE);
    var all = Set.of("ep1", "ep2", "ep3");
    for (String client : List.of("npx-pod", TestNetwork.NODE)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> answers(client, CLUSTER_IP, 10).containsAll(all));
      assertThat(answers(client, CLUSTER_IP, 10)).isSubsetOf(all);
    }
    for (String client : List.of("npx-pod", TestNetwork.NODE, TestNetwork.EXT)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> answers(client, NODE_PORT, 10).containsAll(all));
    }
    // from the node's own other address, the bridge's
    assertThat(net.get("npx-pod", "http://" + TestNetwork.BRIDGE_IP + ":30080/")).isIn(all);
  }

  @Test
  void podsKeepTheirAddressOthersAreMasqueraded() throws Exception {
    proxy.start();
    serve(List.of(web()), List.of(Ep.ready("10.42.1.11", "node-a")));
    assertThat(net.get("npx-pod", CLUSTER_IP + "cgi-bin/ip")).isEqualTo("10.42.1.20");
    // from outside through a node port: the endpoint sees the node (replies must come back here)
    assertThat(net.get(TestNetwork.EXT, NODE_PORT + "cgi-bin/ip")).isEqualTo(TestNetwork.BRIDGE_IP);
    // hairpin: an endpoint reaching itself through its service
    assertThat(net.get("npx-ep1", CLUSTER_IP)).isEqualTo("ep1");
    assertThat(net.get("npx-ep1", CLUSTER_IP + "cgi-bin/ip")).isEqualTo(TestNetwork.BRIDGE_IP);
  }

  @Test
  void externalTrafficPolicyLocalKeepsTheClientAddress() throws Exception {
    proxy.start();
    Service s = web();
    s.getSpec().setExternalTrafficPolicy("Local");
    serve(List.of(s), List.of(Ep.ready("10.42.1.11", "node-a"), Ep.ready("10.42.9.9", "node-b")));
    for (int i = 0; i < 5; i++) {
      assertThat(net.get(TestNetwork.EXT, NODE_PORT + "cgi-bin/ip")).isEqualTo(TestNetwork.EXT_IP);
    }
  }

  @Test
  void scalingDownMovesAllTrafficWithinASecond() throws Exception {
    proxy.start();
    serve(List.of(web()), THREE);
    await().until(() -> answers("npx-pod", CLUSTER_IP, 10).size() > 1);
    source.slices = List.of(Fixtures.slice("web-1", "web", List.of(THREE.get(1))));
    proxy.changed();
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> answers("npx-pod", CLUSTER_IP, 3).equals(Set.of("ep2")));
    assertThat(answers("npx-pod", CLUSTER_IP, 20)).containsExactly("ep2");
    assertThat(answers(TestNetwork.EXT, NODE_PORT, 10)).containsExactly("ep2");
  }

  @Test
  void aServiceWithoutReadyEndpointsRefusesConnections() throws Exception {
    proxy.start();
    serve(List.of(web()), List.of(Ep.notReady("10.42.1.11", "node-a")));
    for (String client : List.of("npx-pod", TestNetwork.NODE)) {
      long start = System.nanoTime();
      assertThat(net.get(client, CLUSTER_IP)).startsWith("error:").contains("refused");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
    assertThat(net.get(TestNetwork.EXT, NODE_PORT)).contains("refused");
  }

  @Test
  void deletingTheServiceRemovesItsRules() throws Exception {
    proxy.start();
    serve(List.of(web()), THREE);
    assertThat(nodeTable()).contains("10.43.0.50", "default/web/tcp/http");
    serve(List.of(), THREE);
    assertThat(nodeTable()).doesNotContain("10.43.0.50", "default/web", "30080");
    assertThat(net.get("npx-pod", CLUSTER_IP)).startsWith("error:");
  }

  @Test
  void clientIpAffinitySticks() throws Exception {
    proxy.start();
    Service s = web();
    s.getSpec().setSessionAffinity("ClientIP");
    s.getSpec()
        .setSessionAffinityConfig(
            new SessionAffinityConfigBuilder()
                .withNewClientIP()
                .withTimeoutSeconds(60)
                .endClientIP()
                .build());
    serve(List.of(s), THREE);
    assertThat(answers("npx-pod", CLUSTER_IP, 15)).hasSize(1);
    // another endpoint coming keeps the client where it was
    String first = net.get("npx-pod", CLUSTER_IP);
    List<Ep> four = new ArrayList<>(THREE);
    four.add(Ep.ready("10.42.1.14", "node-a"));
    serve(List.of(s), four);
    assertThat(answers("npx-pod", CLUSTER_IP, 10)).containsExactly(first);
  }

  @Test
  void aLeftoverTableIsReplacedOthersAreLeftAloneAndStoppingDeletesIt() throws Exception {
    net.sh(TestNetwork.NODE, "nft add table ip nauta-proxy && nft add chain ip nauta-proxy stale");
    net.sh(TestNetwork.NODE, "nft add table ip npx-other && nft add chain ip npx-other mine");
    try {
      proxy.start();
      serve(List.of(web()), THREE);
      assertThat(nodeTable()).doesNotContain("stale").contains("default/web");
      assertThat(net.get("npx-pod", CLUSTER_IP)).isIn("ep1", "ep2", "ep3");
      proxy.close();
      String tables = net.sh(TestNetwork.NODE, "nft list tables");
      assertThat(tables).doesNotContain("nauta-proxy").contains("npx-other");
    } finally {
      net.sh(TestNetwork.NODE, "nft delete table ip npx-other");
    }
  }

  @Test
  void aTableDeletedByHandComesBack() throws Exception {
    proxy.start();
    serve(List.of(web()), THREE);
    net.sh(TestNetwork.NODE, "nft delete table ip nauta-proxy");
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreExceptions() // nft fails while the table is missing
        .untilAsserted(() -> assertThat(nodeTable()).contains("default/web/tcp/http"));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(net.get("npx-pod", CLUSTER_IP)).isIn("ep1", "ep2", "ep3"));
  }

  @Test
  void udpFlowsToARemovedEndpointAreForgotten() throws Exception {
    assumeTrue(Path.of("/usr/sbin/conntrack").toFile().canExecute(), "needs conntrack");
    proxy.start();
    Service dns = Fixtures.service("web", "10.43.0.53").build();
    dns.getSpec().getPorts().getFirst().setProtocol("UDP");
    dns.getSpec().getPorts().getFirst().setPort(53);
    source.services = List.of(dns);
    source.slices =
        List.of(Fixtures.slice("web-1", "web", "http", "UDP", 5353, List.of(THREE.getFirst())));
    Instant changed = Instant.now();
    proxy.changed();
    await().until(() -> syncs.stream().anyMatch(s -> !s.started().isBefore(changed)));
    // a client that keeps its source port, as many DNS and game clients do
    String send =
        "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM);"
            + " s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('', 40053));"
            + " s.sendto(b'q', ('10.43.0.53', 53))";
    net.sh("npx-pod", "python3 -c \"" + send + "\"");
    assertThat(flows()).contains("src=10.42.1.11 ");
    source.slices =
        List.of(Fixtures.slice("web-1", "web", "http", "UDP", 5353, List.of(THREE.get(1))));
    proxy.changed();
    await()
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(flows()).doesNotContain("src=10.42.1.11 "));
    net.sh("npx-pod", "python3 -c \"" + send + "\"");
    assertThat(flows()).contains("src=10.42.1.12 ");
  }

  /**
   * The node's UDP conntrack entries to the test's cluster IP; the endpoint is the source of each
   * entry's reply direction ({@code src=ENDPOINT dst=CLIENT}).
   */
  private static String flows() throws Exception {
    return net.sh(
        TestNetwork.NODE, "conntrack -L -p udp --orig-dst 10.43.0.53 2>/dev/null || true");
  }

  private static String nodeTable() throws Exception {
    return net.sh(TestNetwork.NODE, "nft list table ip nauta-proxy");
  }
}
