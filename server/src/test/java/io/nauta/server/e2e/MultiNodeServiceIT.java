package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Services on three real nodes: a Deployment of three busybox httpd pods spread one per node and a
 * NodePort Service in front. From a pod on each node and from each node's host, the cluster IP and
 * the DNS name reach all three over repeated requests; the node port answers on every node; a pod
 * that is not ready gets no traffic; scaling to one moves all traffic to it within a second;
 * cluster DNS answers SRV and headless queries; deleting the Service removes its rules.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeServiceIT extends MultiNodeTest {
  private static final int REQUESTS = 30;
  private String clusterIp;
  private int nodePort;

  @BeforeAll
  void deploy() throws Exception {
    create(
        """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"terminationGracePeriodSeconds":2,
            "topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"kubernetes.io/hostname",
              "whenUnsatisfiable":"DoNotSchedule","labelSelector":{"matchLabels":{"app":"web"}}}],
            "containers":[{"name":"web","image":"nauta.local/pause:1","imagePullPolicy":"Never",
             "command":["/bin/busybox","sh","-c",
              "mkdir -p /www && busybox hostname > /www/index.html && exec busybox httpd -f -p 8080 -h /www"],
             "ports":[{"name":"http","containerPort":8080}],
             "readinessProbe":{"tcpSocket":{"port":8080},"periodSeconds":1}}]}}}}
        """);
    create(
        """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
         "spec":{"type":"NodePort","selector":{"app":"web"},
          "ports":[{"name":"http","port":80,"targetPort":"http"}]}}
        """);
    create(
        """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web-headless"},
         "spec":{"clusterIP":"None","selector":{"app":"web"},
          "ports":[{"name":"http","port":8080}]}}
        """);
    for (int i = 0; i < NODES; i++) {
      create(clientPod("client-" + i, node(i)));
    }
    ok("rollout", "status", "deployment/web", "--timeout=90s");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (int i = 0; i < NODES; i++) {
                assertThat(ok("get", "pod", "client-" + i, "-o", "jsonpath={.status.phase}").out())
                    .isEqualTo("Running");
              }
            });
    clusterIp = ok("get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}").out().strip();
    nodePort =
        Integer.parseInt(
            ok("get", "svc", "web", "-o", "jsonpath={.spec.ports[0].nodePort}").out().strip());
  }

  private Set<String> webPods() throws Exception {
    return Set.of(
        ok("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].metadata.name}")
            .out()
            .strip()
            .split(" "));
  }

  /** Who answered {@code REQUESTS} requests for {@code url} from pod {@code pod}. */
  private Set<String> answersFromPod(String pod, String url) throws Exception {
    Set<String> who = new HashSet<>();
    for (int n = 0; n < REQUESTS; n++) {
      Kubectl.Result r = fetch(pod, url);
      assertThat(r.code()).as("%s from %s: %s", url, pod, r.all()).isZero();
      who.add(r.out().strip());
    }
    return who;
  }

  /** Who answered from node {@code i}'s host network (outside pods). */
  private Set<String> answersFromNode(int i, String url) throws Exception {
    Set<String> who = new HashSet<>();
    for (int n = 0; n < REQUESTS; n++) {
      Kubectl.Result r = onNode(i, "timeout", "10", "busybox", "wget", "-q", "-O", "-", url);
      assertThat(r.code()).as("%s from node %d: %s", url, i, r.all()).isZero();
      who.add(r.out().strip());
    }
    return who;
  }

  @Test
  @Order(1)
  void deploymentIsSpreadOverTheNodes() throws Exception {
    String nodes =
        ok("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].spec.nodeName}").out();
    assertThat(Set.of(nodes.strip().split(" "))).hasSize(NODES);
  }

  @Test
  @Order(2)
  void theClusterIpReachesEveryBackendFromPodsOnEveryNode() throws Exception {
    Set<String> all = webPods();
    for (int i = 0; i < NODES; i++) {
      assertThat(answersFromPod("client-" + i, "http://" + clusterIp + "/")).isEqualTo(all);
    }
  }

  @Test
  @Order(3)
  void theDnsNameReachesEveryBackendFromPods() throws Exception {
    Set<String> all = webPods();
    for (int i = 0; i < NODES; i++) {
      assertThat(answersFromPod("client-" + i, "http://web.default.svc.cluster.local/"))
          .isEqualTo(all);
    }
    // the search path: the short name from the same namespace
    assertThat(fetch("client-0", "http://web/").out().strip()).isIn(all);
  }

  @Test
  @Order(4)
  void theClusterIpReachesEveryBackendFromEachNodesHost() throws Exception {
    Set<String> all = webPods();
    for (int i = 0; i < NODES; i++) {
      assertThat(answersFromNode(i, "http://" + clusterIp + "/")).isEqualTo(all);
    }
  }

  @Test
  @Order(5)
  void theNodePortAnswersOnEveryNode() throws Exception {
    Set<String> all = webPods();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < NODES; i++) {
      Set<String> who = new HashSet<>();
      for (int n = 0; n < REQUESTS; n++) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + nodeIp(i) + ":" + nodePort + "/"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        who.add(r.body().strip());
      }
      assertThat(who).as("node port on %s", node(i)).isEqualTo(all);
    }
  }

  @Test
  @Order(6)
  void aLoadBalancerServiceIsServedOnEveryNodesAddress() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web-lb"},
         "spec":{"type":"LoadBalancer","selector":{"app":"web"},
          "ports":[{"name":"http","port":8081,"targetPort":"http"}]}}
        """);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String external = ok("get", "svc", "web-lb").out();
              for (int i = 0; i < NODES; i++) {
                assertThat(external).contains(nodeIp(i));
              }
            });
    Set<String> all = webPods();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              for (int i = 0; i < NODES; i++) {
                HttpResponse<String> r =
                    http.send(
                        HttpRequest.newBuilder(URI.create("http://" + nodeIp(i) + ":8081/"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.body().strip()).isIn(all);
              }
            });
    ok("delete", "service", "web-lb");
  }

  @Test
  @Order(6)
  void containersSeeTheServicesInTheirEnvironment() throws Exception {
    String env = inPod("client-0", "env").out();
    assertThat(env)
        .contains("WEB_SERVICE_HOST=" + clusterIp + "\n")
        .contains("WEB_SERVICE_PORT_HTTP=80\n")
        .contains("KUBERNETES_SERVICE_HOST=10.43.0.1\n")
        .contains("KUBERNETES_SERVICE_PORT=443\n");
  }

  @Test
  @Order(6)
  void podsReachTheApiServerAsTheKubernetesService() throws Exception {
    // through the proxy to the advertise address; the TLS handshake is checked from here
    Kubectl.Result r = inPod("client-2", "sh", "-c", "echo | busybox nc -w 3 10.43.0.1 443");
    assertThat(r.code()).as(r.all()).isZero();
    javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
    trustAll.init(
        null,
        new javax.net.ssl.TrustManager[] {
          new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
              return new java.security.cert.X509Certificate[0];
            }
          }
        },
        null);
    try (var socket =
        (javax.net.ssl.SSLSocket) trustAll.getSocketFactory().createSocket(hostIp(), port)) {
      socket.startHandshake();
      var cert = (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
      assertThat(cert.getSubjectAlternativeNames())
          .extracting(san -> san.get(1).toString())
          .contains("10.43.0.1", "kubernetes.default.svc.cluster.local", hostIp());
    }
  }

  @Test
  @Order(7)
  void dnsAnswersSrvAndHeadlessQueries() throws Exception {
    Kubectl.Result srv =
        inPod("client-1", "nslookup", "-type=SRV", "_http._tcp.web.default.svc.cluster.local");
    assertThat(srv.out()).as(srv.all()).contains("web.default.svc.cluster.local").contains("80");
    Kubectl.Result headless =
        inPod("client-1", "nslookup", "web-headless.default.svc.cluster.local");
    String ips =
        ok("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].status.podIP}").out();
    for (String ip : ips.strip().split(" ")) {
      assertThat(headless.out()).as(headless.all()).contains(ip);
    }
    assertThat(headless.out()).doesNotContain(clusterIp);
  }

  @Test
  @Order(8)
  void aPodThatIsNotReadyGetsNoTraffic() throws Exception {
    create(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-unready","labels":{"app":"web"}},
         "spec":{"nodeName":"%s","terminationGracePeriodSeconds":1,
          "containers":[{"name":"web","image":"nauta.local/pause:1","imagePullPolicy":"Never",
           "command":["/bin/busybox","sh","-c",
            "mkdir -p /www && echo web-unready > /www/index.html && exec busybox httpd -f -p 8080 -h /www"],
           "ports":[{"name":"http","containerPort":8080}],
           "readinessProbe":{"exec":{"command":["/bin/busybox","false"]},"periodSeconds":1}}]}}
        """
            .formatted(node(0)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "web-unready", "-o", "jsonpath={.status.phase}").out())
                    .isEqualTo("Running"));
    assertThat(answersFromPod("client-0", "http://" + clusterIp + "/"))
        .doesNotContain("web-unready")
        .hasSize(3);
    ok("delete", "pod", "web-unready", "--wait=false");
  }

  @Test
  @Order(9)
  void scalingToOneSendsAllTrafficToTheOneLeftWithinASecond() throws Exception {
    ok("scale", "deployment/web", "--replicas=1");
    String slice = "jsonpath={.items[*].endpoints[?(@.conditions.ready==true)].addresses[0]}";
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                ok("get", "endpointslices", "-l", "kubernetes.io/service-name=web", "-o", slice)
                        .out()
                        .strip()
                        .split(" ")
                        .length
                    == 1);
    // the promise under test: a second after the endpoint change, the kernel follows it (the
    // terminating pods still serve during their grace period, so a stale rule would show)
    Thread.sleep(1000);
    String terminating =
        ok(
                "get",
                "pods",
                "-l",
                "app=web",
                "--field-selector=status.phase=Running",
                "-o",
                "jsonpath={.items[?(@.metadata.deletionTimestamp)].metadata.name}")
            .out();
    Set<String> who = answersFromNode(1, "http://" + clusterIp + "/");
    assertThat(who).hasSize(1);
    assertThat(terminating).doesNotContain(who.iterator().next());
  }

  @Test
  @Order(10)
  void deletingTheServiceRemovesItsRules() throws Exception {
    assertThat(onNode(2, "nft", "list", "ruleset").out()).contains(clusterIp);
    ok("delete", "service", "web");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              for (int i = 0; i < NODES; i++) {
                assertThat(onNode(i, "nft", "list", "ruleset").out()).doesNotContain(clusterIp);
              }
            });
  }
}
