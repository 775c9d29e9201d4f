package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The pod network across three real nodes (network namespaces with their own agent and containerd):
 * node IPAM gives each node a /24 of 10.42.0.0/16, pods on different nodes reach each other
 * directly by their addresses (host-gw routes), pods reach the outside masqueraded behind their
 * node's address, and pods get the cluster DNS in their resolv.conf.
 */
class MultiNodeNetworkIT extends MultiNodeTest {
  private String podIp(String pod) throws Exception {
    return ok("get", "pod", pod, "-o", "jsonpath={.status.podIP}").out().strip();
  }

  private void awaitRunning(String... pods) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (String p : pods) {
                assertThat(ok("get", "pod", p, "-o", "jsonpath={.status.phase}").out())
                    .isEqualTo("Running");
              }
            });
  }

  @Test
  void everyNodeGetsItsOwnPodCidrFromTheClusterCidr() throws Exception {
    Set<String> cidrs = new HashSet<>();
    for (int i = 0; i < NODES; i++) {
      String cidr = ok("get", "node", node(i), "-o", "jsonpath={.spec.podCIDR}").out().strip();
      assertThat(cidr).matches("10\\.42\\.\\d+\\.0/24");
      cidrs.add(cidr);
    }
    assertThat(cidrs).hasSize(NODES);
  }

  @Test
  void podsOnDifferentNodesReachEachOtherByAddress() throws Exception {
    for (int i = 0; i < NODES; i++) {
      create(webPod("peer-" + i, "{\"app\":\"peer\"}", node(i)));
    }
    awaitRunning("peer-0", "peer-1", "peer-2");
    for (int i = 0; i < NODES; i++) {
      String cidr = ok("get", "node", node(i), "-o", "jsonpath={.spec.podCIDR}").out().strip();
      String ip = podIp("peer-" + i);
      assertThat(ip).startsWith(cidr.substring(0, cidr.lastIndexOf('.') + 1));
    }
    for (int from = 0; from < NODES; from++) {
      for (int to = 0; to < NODES; to++) {
        if (from == to) {
          continue;
        }
        String url = "http://" + podIp("peer-" + to) + ":8080/";
        Kubectl.Result r = fetch("peer-" + from, url);
        assertThat(r.out()).as("peer-%d → peer-%d: %s", from, to, r.all()).contains("peer-" + to);
      }
    }
  }

  @Test
  void podsReachTheOutsideMasqueradedBehindTheirNode() throws Exception {
    Set<String> callers = ConcurrentHashMap.newKeySet();
    HttpServer outside = HttpServer.create(new InetSocketAddress(hostIp(), 0), 0);
    outside.createContext(
        "/",
        x -> {
          callers.add(x.getRemoteAddress().getAddress().getHostAddress());
          byte[] body = "outside\n".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    outside.start();
    try {
      create(clientPod("egress", node(1)));
      awaitRunning("egress");
      String url = "http://" + hostIp() + ":" + outside.getAddress().getPort() + "/";
      Kubectl.Result r = fetch("egress", url);
      assertThat(r.out()).as(r.all()).contains("outside");
      assertThat(callers).containsExactly(nodeIp(1));
    } finally {
      outside.stop(0);
    }
  }

  @Test
  void clusterFirstPodsAskTheClusterDnsAndKnowTheirOwnName() throws Exception {
    create(
        clientPod("resolver", node(2))
            .replace(
                "\"terminationGracePeriodSeconds\":1,",
                "\"terminationGracePeriodSeconds\":1,\"hostAliases\":[{\"ip\":\"192.0.2.7\","
                    + "\"hostnames\":[\"legacy.example\"]}],"));
    awaitRunning("resolver");
    String resolv = inPod("resolver", "cat", "/etc/resolv.conf").out();
    assertThat(resolv)
        .contains("nameserver 10.43.0.10")
        .contains("search default.svc.cluster.local svc.cluster.local cluster.local")
        .contains("options ndots:5");
    String hosts = inPod("resolver", "cat", "/etc/hosts").out();
    assertThat(hosts)
        .contains(podIp("resolver") + "\tresolver")
        .contains("192.0.2.7\tlegacy.example");
  }

  @Test
  void theNodesRouteEachOthersPodCidrs() throws Exception {
    String routes = onNode(0, "ip", "route", "show", "proto", "78").out();
    for (int i = 1; i < NODES; i++) {
      String cidr = ok("get", "node", node(i), "-o", "jsonpath={.spec.podCIDR}").out().strip();
      assertThat(routes).contains(cidr + " via " + nodeIp(i));
    }
    assertThat(List.of(routes.split("\n"))).hasSize(NODES - 1);
  }
}
