package io.nauta.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.apiserver.pki.CertificateAuthority;
import io.nauta.apiserver.testing.TestCluster;
import io.nauta.apiserver.testing.TestCluster.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API server hands pods/log, exec (an upgrade) and nodes/proxy to the agent of the pod's node
 * with its own client certificate, after Kubernetes' validation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeProxyTest {
  private TestCluster cluster;
  private FakeAgent agent;

  @BeforeAll
  void start() throws Exception {
    cluster = new TestCluster();
    agent = new FakeAgent(CertificateAuthority.loadOrCreate(cluster.dir().resolve("tls")));
    node("n1", agent.port());
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    node("gone", closed);
    pod("web", "n1", "c");
    pod("two", "n1", "a", "b");
    pod("pending", null, "c");
    pod("lost", "gone", "c");
  }

  @AfterAll
  void stop() throws Exception {
    agent.close();
    cluster.close();
  }

  private void node(String name, int port) {
    assertThat(
            cluster
                .post(
                    "/api/v1/nodes",
                    "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\""
                        + name
                        + "\"}}")
                .code())
        .isEqualTo(201);
    String status =
        """
        {"status":{"addresses":[{"type":"Hostname","address":"%s"},{"type":"InternalIP","address":"127.0.0.1"}],
                   "daemonEndpoints":{"kubeletEndpoint":{"Port":%d}}}}
        """
            .formatted(name, port);
    Response r =
        cluster.send(
            cluster
                .request("/api/v1/nodes/" + name + "/status")
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(status))
                .build());
    assertThat(r.code()).as(r.text()).isEqualTo(200);
  }

  private void pod(String name, String node, String... containerNames) {
    String nodeName = node == null ? "" : "\"nodeName\":\"" + node + "\",";
    String containers =
        String.join(
            ",",
            java.util.Arrays.stream(containerNames)
                .map(c -> "{\"name\":\"" + c + "\",\"image\":\"busybox\"}")
                .toList());
    Response r =
        cluster.post(
            "/api/v1/namespaces/default/pods",
            """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
             "spec":{%s"containers":[%s]}}
            """
                .formatted(name, nodeName, containers));
    assertThat(r.code()).as(r.text()).isEqualTo(201);
  }

  private FakeAgent.Seen last() {
    return agent.seen.get(agent.seen.size() - 1);
  }

  @Test
  void logsStreamFromTheAgentOfThePodsNode() {
    Response r =
        cluster.get("/api/v1/namespaces/default/pods/web/log?tailLines=2&follow=true&pretty=1");
    assertThat(r.code()).as(r.text()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("line1\nline2\n");
    assertThat(last().requestLine())
        .isEqualTo("GET /containerLogs/default/web/c?follow=true&tailLines=2 HTTP/1.1");
    assertThat(last().peer()).contains("CN=nauta-apiserver-kubelet-client");
  }

  @Test
  void theContainerIsCheckedAsKubernetesChecksIt() {
    Response none = cluster.get("/api/v1/namespaces/default/pods/two/log");
    assertThat(none.code()).isEqualTo(400);
    assertThat(none.json().path("message").asText())
        .isEqualTo("a container name must be specified for pod two, choose one of: [a b]");
    Response wrong = cluster.get("/api/v1/namespaces/default/pods/web/log?container=nope");
    assertThat(wrong.code()).isEqualTo(400);
    assertThat(wrong.json().path("message").asText())
        .isEqualTo("container nope is not valid for pod web");
    Response tail = cluster.get("/api/v1/namespaces/default/pods/web/log?tailLines=-1");
    assertThat(tail.code()).isEqualTo(422);
    assertThat(tail.json().path("message").asText())
        .isEqualTo(
            "PodLogOptions \"web\" is invalid: tailLines: Invalid value: \"-1\": must be greater than"
                + " or equal to 0");
  }

  @Test
  void aPodNoNodeRunsHasNoLogsAndNoHostToExecOn() {
    Response logs = cluster.get("/api/v1/namespaces/default/pods/pending/log");
    assertThat(logs.code()).isEqualTo(200);
    assertThat(logs.text()).isEmpty();
    Response exec =
        cluster.send(
            cluster
                .request("/api/v1/namespaces/default/pods/pending/exec?command=ls&stdout=true")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(exec.code()).isEqualTo(400);
    assertThat(exec.json().path("message").asText())
        .isEqualTo("pod pending does not have a host assigned");
  }

  @Test
  void theAgentsRefusalReachesTheClientAndAnUnreachableAgentIsUnavailable() {
    Response refused = cluster.get("/api/v1/nodes/n1/proxy/fail");
    assertThat(refused.code()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).isEqualTo("agent says no");
    Response down = cluster.get("/api/v1/namespaces/default/pods/lost/log");
    assertThat(down.code()).isEqualTo(503);
    assertThat(down.json().path("reason").asText()).isEqualTo("ServiceUnavailable");
  }

  @Test
  void nodeProxyReachesTheAgentsOwnPaths() {
    Response r = cluster.get("/api/v1/nodes/n1/proxy/stats/summary?only=cpu");
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.json().path("path").asText()).isEqualTo("/stats/summary?only=cpu");
  }

  @Test
  void podProxyReachesThePodsIpAndPort() throws Exception {
    var web =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    web.createContext(
        "/",
        exchange -> {
          byte[] body = ("pod says " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    web.start();
    try {
      pod("served", "n1", "c");
      Response patched =
          cluster.send(
              cluster
                  .request("/api/v1/namespaces/default/pods/served/status")
                  .header("Content-Type", "application/merge-patch+json")
                  .method(
                      "PATCH",
                      HttpRequest.BodyPublishers.ofString("{\"status\":{\"podIP\":\"127.0.0.1\"}}"))
                  .build());
      assertThat(patched.code()).as(patched.text()).isEqualTo(200);
      int port = web.getAddress().getPort();
      Response r =
          cluster.get("/api/v1/namespaces/default/pods/served:" + port + "/proxy/index.html?x=1");
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("pod says /index.html?x=1");
      Response noIp = cluster.get("/api/v1/namespaces/default/pods/pending:80/proxy/");
      assertThat(noIp.code()).isEqualTo(400);
    } finally {
      web.stop(0);
    }
  }

  @Test
  void anUpgradeBecomesAByteRelayAfterTheAgentsSwitch() throws Exception {
    var factory = cluster.certClient().sslContext().getSocketFactory();
    var url = java.net.URI.create(cluster.server().url());
    try (SSLSocket s = (SSLSocket) factory.createSocket(url.getHost(), url.getPort())) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(
          ("POST /api/v1/namespaces/default/pods/web/exec?command=ls&command=-l&stdout=true"
                  + " HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                  + "X-Stream-Protocol-Version: v4.channel.k8s.io\r\n"
                  + "X-Stream-Protocol-Version: v3.channel.k8s.io\r\nContent-Length: 0\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      List<String> head = FakeAgent.readHead(in);
      assertThat(head.get(0)).startsWith("HTTP/1.1 101");
      assertThat(head)
          .anyMatch(h -> h.equalsIgnoreCase("X-Stream-Protocol-Version: v4.channel.k8s.io"));
      out.write("frames both ways".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] echo = in.readNBytes("frames both ways".length());
      assertThat(new String(echo, StandardCharsets.US_ASCII)).isEqualTo("frames both ways");
    }
    FakeAgent.Seen seen = last();
    assertThat(seen.requestLine())
        .isEqualTo("POST /exec/default/web/c?command=ls&command=-l&stdout=true HTTP/1.1");
    // one header line per protocol, as SPDY servers read them
    assertThat(seen.headers())
        .filteredOn(h -> h.toLowerCase().startsWith("x-stream-protocol-version"))
        .hasSize(2);
    assertThat(seen.headers()).noneMatch(h -> h.toLowerCase().startsWith("authorization"));
  }
}
