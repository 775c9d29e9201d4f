package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.simulator.NodeTemplate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The cluster DNS server of a real {@code nauta server}, fed by objects made with the real kubectl
 * and asked with dnsjava's resolver over UDP and TCP: Service, headless, per-pod, SRV, PTR and
 * ExternalName answers, NXDOMAIN for names that do not exist, forwarding to an upstream (a stub on
 * loopback) with SERVFAIL when it is silent, and the kube-dns EndpointSlice that leads the cluster
 * DNS Service to the server (removed when the server stops).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDnsIT extends ServerProcessTest {
  private DnsUpstreamStub upstream;
  private int dnsPort;

  @Override
  protected String[] serverArgs() throws Exception {
    upstream = new DnsUpstreamStub();
    dnsPort = NautaProcess.freePort();
    return new String[] {
      "--dns-port=" + dnsPort,
      "--dns-upstream=" + upstream.address(),
      "--dns-upstream-timeout=500ms"
    };
  }

  @BeforeAll
  void startNode() throws Exception {
    simulateNodes(new NodeTemplate("dns-node-", "8", "16Gi", "110", Map.of(), List.of()), 1);
  }

  @AfterAll
  void stopUpstream() throws Exception {
    upstream.close();
  }

  private SimpleResolver resolver(boolean tcp) {
    SimpleResolver r =
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), dnsPort));
    r.setTCP(tcp);
    r.setTimeout(Duration.ofSeconds(5));
    return r;
  }

  private Message ask(String name, int type, boolean tcp) throws Exception {
    return resolver(tcp)
        .send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  private static List<String> answers(Message m) {
    return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  private void apply(String yaml) throws Exception {
    Kubectl.Result r = nauta.kubectlWithInput(yaml, "apply", "-f", "-");
    assertThat(r.code()).as(r.all()).isZero();
  }

  @Test
  @Order(1)
  void servicesResolveToTheirClusterIpWithSrvAndPtr() throws Exception {
    apply(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          clusterIP: 10.43.7.7
          ports: [{name: http, port: 80}, {port: 8080, name: alt, protocol: UDP}]
        """);
    for (boolean tcp : new boolean[] {false, true}) {
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(answers(ask("web.default.svc.cluster.local.", Type.A, tcp)))
                      .containsExactly("10.43.7.7"));
    }
    Message mixed = ask("Web.DEFAULT.svc.Cluster.Local.", Type.A, false);
    assertThat(answers(mixed)).containsExactly("10.43.7.7");
    assertThat(mixed.getHeader().getFlag(Flags.AA)).isTrue();
    Message aaaa = ask("web.default.svc.cluster.local.", Type.AAAA, false);
    assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(aaaa)).isEmpty();
    assertThat(answers(ask("_http._tcp.web.default.svc.cluster.local.", Type.SRV, false)))
        .containsExactly("0 100 80 web.default.svc.cluster.local.");
    assertThat(answers(ask("_alt._udp.web.default.svc.cluster.local.", Type.SRV, true)))
        .containsExactly("0 100 8080 web.default.svc.cluster.local.");
    assertThat(answers(ask("7.7.43.10.in-addr.arpa.", Type.PTR, false)))
        .containsExactly("web.default.svc.cluster.local.");

    // a deleted Service's name goes away
    assertThat(nauta.kubectl("delete", "service", "web").code()).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ask("web.default.svc.cluster.local.", Type.A, false).getRcode())
                    .isEqualTo(Rcode.NXDOMAIN));
  }

  @Test
  @Order(2)
  void headlessServicesNameTheirPods() throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: db}
            spec:
              clusterIP: None
              selector: {app: db}
              ports: [{name: sql, port: 5432, targetPort: 15432}]
            """);
    for (int i = 0; i < 2; i++) {
      yaml.append(
          """
          ---
          apiVersion: v1
          kind: Pod
          metadata: {name: db-%d, labels: {app: db}}
          spec:
            hostname: db-%d
            subdomain: db
            containers: [{name: c, image: busybox, ports: [{containerPort: 15432}]}]
          """
              .formatted(i, i));
    }
    apply(yaml.toString());
    String[] ips = new String[2];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (int i = 0; i < 2; i++) {
                ips[i] = ok("get", "pod", "db-" + i, "-o", "jsonpath={.status.podIP}").out();
                assertThat(ips[i]).isNotEmpty();
              }
              assertThat(answers(ask("db.default.svc.cluster.local.", Type.A, false)))
                  .containsExactlyInAnyOrder(ips);
            });
    assertThat(answers(ask("db-1.db.default.svc.cluster.local.", Type.A, false)))
        .containsExactly(ips[1]);
    Message srv = ask("_sql._tcp.db.default.svc.cluster.local.", Type.SRV, true);
    assertThat(answers(srv))
        .containsExactlyInAnyOrder(
            "0 50 15432 db-0.db.default.svc.cluster.local.",
            "0 50 15432 db-1.db.default.svc.cluster.local.");
    assertThat(srv.getSection(Section.ADDITIONAL)).extracting(Record::rdataToString).contains(ips);
    String[] octets = ips[0].split("\\.");
    String reverse = octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0];
    assertThat(answers(ask(reverse + ".in-addr.arpa.", Type.PTR, false)))
        .containsExactly("db-0.db.default.svc.cluster.local.");
    assertThat(
            answers(ask(ips[0].replace('.', '-') + ".default.pod.cluster.local.", Type.A, false)))
        .containsExactly(ips[0]);
    assertThat(
            ask(ips[0].replace('.', '-') + ".kube-system.pod.cluster.local.", Type.A, false)
                .getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  @Order(3)
  void endpointSlicesWrittenByHandNameTheirHosts() throws Exception {
    apply(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: manual}
        spec:
          clusterIP: None
          ports: [{name: http, port: 80}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: manual-1
          labels: {kubernetes.io/service-name: manual}
        addressType: IPv4
        ports: [{name: http, port: 8080, protocol: TCP}]
        endpoints:
        - addresses: [10.42.9.9]
          hostname: m-0
          conditions: {ready: true}
        - addresses: [10.42.9.10]
          conditions: {ready: true}
        - addresses: [10.42.9.11]
          hostname: m-2
          conditions: {ready: false}
        """);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(answers(ask("manual.default.svc.cluster.local.", Type.A, false)))
                    .containsExactlyInAnyOrder("10.42.9.9", "10.42.9.10"));
    assertThat(answers(ask("m-0.manual.default.svc.cluster.local.", Type.A, true)))
        .containsExactly("10.42.9.9");
    assertThat(answers(ask("_http._tcp.manual.default.svc.cluster.local.", Type.SRV, false)))
        .containsExactlyInAnyOrder(
            "0 50 8080 m-0.manual.default.svc.cluster.local.",
            "0 50 8080 10-42-9-10.manual.default.svc.cluster.local.");
    assertThat(ask("m-2.manual.default.svc.cluster.local.", Type.A, false).getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
    assertThat(answers(ask("10.9.42.10.in-addr.arpa.", Type.PTR, false)))
        .containsExactly("10-42-9-10.manual.default.svc.cluster.local.");
  }

  @Test
  @Order(4)
  void externalNamesAreCnamesFollowedUpstream() throws Exception {
    apply(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: search, namespace: default}
        spec: {type: ExternalName, externalName: www.example.org}
        """);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(answers(ask("search.default.svc.cluster.local.", Type.A, false)))
                    .containsExactly("www.example.org.", DnsUpstreamStub.ANSWER));
  }

  @Test
  @Order(5)
  void namesThatDoNotExistAreNxdomainWithTheZonesSoa() throws Exception {
    int before = upstream.queries.get();
    for (String name :
        List.of(
            "nope.default.svc.cluster.local.",
            "kubernetes.default.svc.cluster.local.default.svc.cluster.local.",
            "nope.cluster.local.")) {
      Message m = ask(name, Type.A, false);
      assertThat(m.getRcode()).as(name).isEqualTo(Rcode.NXDOMAIN);
      assertThat(m.getSection(Section.AUTHORITY))
          .singleElement()
          .isInstanceOf(SOARecord.class)
          .extracting(r -> r.getName().toString())
          .isEqualTo("cluster.local.");
    }
    assertThat(upstream.queries.get()).as("cluster names never go upstream").isEqualTo(before);
  }

  @Test
  @Order(6)
  void otherNamesAreForwardedAndServfailWhenUpstreamIsSilent() throws Exception {
    int before = upstream.queries.get();
    for (boolean tcp : new boolean[] {false, true}) {
      Message m = ask("www.example.org.", Type.A, tcp);
      assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(answers(m)).containsExactly(DnsUpstreamStub.ANSWER);
    }
    assertThat(upstream.queries.get()).isEqualTo(before + 2);
    Message silent = ask("silent.example.org.", Type.A, false);
    assertThat(silent.getRcode()).isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  @Order(7)
  void theKubeDnsServiceLeadsToTheServerAndForgetsItWhenItStops() throws Exception {
    String svc =
        ok(
                "get",
                "service",
                "-n",
                "kube-system",
                "kube-dns",
                "-o",
                "jsonpath={.spec.clusterIP} {.metadata.labels.k8s-app}"
                    + " {range .spec.ports[*]}{.name}/{.protocol}/{.port} {end}")
            .out();
    assertThat(svc).isEqualTo("10.43.0.10 kube-dns dns/UDP/53 dns-tcp/TCP/53 ");
    String slices =
        "jsonpath={range .items[*]}{.metadata.name} {.metadata.labels.endpointslice\\.kubernetes\\.io/managed-by}"
            + " {.endpoints[0].addresses[0]} {.endpoints[0].conditions.ready}"
            + " {range .ports[*]}{.name}/{.protocol}/{.port} {end}{end}";
    String slice =
        ok(
                "get",
                "endpointslices",
                "-n",
                "kube-system",
                "-l",
                "kubernetes.io/service-name=kube-dns",
                "-o",
                slices)
            .out();
    assertThat(slice)
        .matches("kube-dns-[0-9a-f]+ nauta-dns 127\\.0\\.0\\.1 true .*")
        .contains("dns/UDP/" + dnsPort + " ", "dns-tcp/TCP/" + dnsPort + " ");

    // a clean stop removes the slice; a server on another port writes its own
    assertThat(nauta.stop()).isZero();
    int oldPort = dnsPort;
    dnsPort = NautaProcess.freePort();
    nauta =
        NautaProcess.start(
            dir.resolve("data"),
            port,
            "--dns-port=" + dnsPort,
            "--dns-upstream=" + upstream.address());
    String after =
        ok(
                "get",
                "endpointslices",
                "-n",
                "kube-system",
                "-l",
                "kubernetes.io/service-name=kube-dns",
                "-o",
                slices)
            .out();
    assertThat(after).contains("dns/UDP/" + dnsPort + " ").doesNotContain("/" + oldPort + " ");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(answers(ask("kube-dns.kube-system.svc.cluster.local.", Type.A, false)))
                    .containsExactly("10.43.0.10"));

    // a killed server cannot remove its slice: the next one at its address replaces it
    nauta.kill();
    int killedPort = dnsPort;
    dnsPort = NautaProcess.freePort();
    nauta =
        NautaProcess.start(
            dir.resolve("data"),
            port,
            "--dns-port=" + dnsPort,
            "--dns-upstream=" + upstream.address());
    String replaced =
        ok(
                "get",
                "endpointslices",
                "-n",
                "kube-system",
                "-l",
                "kubernetes.io/service-name=kube-dns",
                "-o",
                slices)
            .out();
    assertThat(replaced)
        .contains("dns/UDP/" + dnsPort + " ")
        .doesNotContain("/" + killedPort + " ");
  }
}
