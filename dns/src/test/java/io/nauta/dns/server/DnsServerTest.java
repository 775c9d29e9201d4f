package io.nauta.dns.server;

import static io.nauta.dns.ClusterObjects.clusterIp;
import static io.nauta.dns.ClusterObjects.endpoint;
import static io.nauta.dns.ClusterObjects.externalName;
import static io.nauta.dns.ClusterObjects.headless;
import static io.nauta.dns.ClusterObjects.port;
import static io.nauta.dns.ClusterObjects.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.nauta.dns.answer.Answerer;
import io.nauta.dns.answer.Zone;
import io.nauta.dns.records.ClusterRecords;
import io.nauta.dns.records.PodDirectory;
import io.nauta.dns.records.RecordsBuilder;
import io.nauta.dns.upstream.Forwarder;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The listeners on real loopback sockets, queried with dnsjava's resolver. */
class DnsServerTest {
  static final ClusterRecords RECORDS =
      RecordsBuilder.build(
          List.of(
              clusterIp("ns", "web", "10.43.0.20", port("http", "TCP", 80)),
              headless("ns", "big"),
              externalName("ns", "ext", "www.example.org")),
          List.of(
              slice(
                  "ns",
                  "big",
                  "big-1",
                  List.of(),
                  IntStream.range(0, 120)
                      .mapToObj(
                          i -> endpoint("10.42." + (i / 250) + "." + (i % 250 + 1), true, null))
                      .toArray(Endpoint[]::new))),
          PodDirectory.NONE,
          1);

  private FakeUpstream upstream;
  private DnsServer server;

  private DnsServer start(InetSocketAddress upstreamAt, Duration timeout) throws Exception {
    Responder responder =
        new Responder(
            new Answerer(Zone.of("cluster.local", 5)),
            () -> RECORDS,
            new Forwarder(List.of(upstreamAt), timeout));
    server = DnsServer.start(responder, InetAddress.getLoopbackAddress(), 0);
    return server;
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private SimpleResolver resolver(boolean tcp) {
    SimpleResolver r =
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    r.setTCP(tcp);
    r.setTimeout(Duration.ofSeconds(5));
    return r;
  }

  private static Message query(String name, int type) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  @Test
  void answersOverUdpAndTcpOnOnePort() throws Exception {
    upstream = new FakeUpstream();
    start(upstream.address(), Duration.ofSeconds(2));
    for (boolean tcp : new boolean[] {false, true}) {
      Message m = resolver(tcp).send(query("web.ns.svc.cluster.local.", Type.A));
      assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(m.getSection(Section.ANSWER))
          .singleElement()
          .extracting(Record::rdataToString)
          .isEqualTo("10.43.0.20");
    }
    assertThat(upstream.queries.get()).isZero();
  }

  @Test
  void truncatesLongUdpAnswersAndGivesThemWholeOverTcp() throws Exception {
    upstream = new FakeUpstream();
    start(upstream.address(), Duration.ofSeconds(2));
    SimpleResolver udp = resolver(false);
    udp.setIgnoreTruncation(true);
    udp.setEDNS(-1);
    Message plain = udp.send(query("big.ns.svc.cluster.local.", Type.A));
    assertThat(plain.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(plain.toWire().length).isLessThanOrEqualTo(512);

    SimpleResolver edns = resolver(false);
    edns.setIgnoreTruncation(true);
    edns.setEDNS(0, 4096, 0, List.of());
    Message big = edns.send(query("big.ns.svc.cluster.local.", Type.A));
    assertThat(big.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(big.getSection(Section.ANSWER)).hasSize(120);

    Message tcp = resolver(true).send(query("big.ns.svc.cluster.local.", Type.A));
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(120);
  }

  @Test
  void forwardsOtherNamesUpstreamAndChasesExternalNames() throws Exception {
    upstream = new FakeUpstream();
    start(upstream.address(), Duration.ofSeconds(2));
    Message m = resolver(false).send(query("www.example.org.", Type.A));
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("192.0.2.1");
    Message ext = resolver(true).send(query("ext.ns.svc.cluster.local.", Type.A));
    assertThat(ext.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("www.example.org.", "192.0.2.1");
    assertThat(upstream.queries.get()).isEqualTo(2);
  }

  @Test
  void answersServfailWhenUpstreamIsSilent() throws Exception {
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      start((InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(300));
      long t0 = System.nanoTime();
      Message m = resolver(false).send(query("www.example.org.", Type.A));
      assertThat(m.getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void answersGarbageWithFormatErrorAndIgnoresRunts() throws Exception {
    upstream = new FakeUpstream();
    start(upstream.address(), Duration.ofSeconds(2));
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(3000);
      InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
      byte[] junk = new byte[] {0x12, 0x34, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 9};
      s.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, to));
      s.send(new DatagramPacket(junk, junk.length, to));
      DatagramPacket p = new DatagramPacket(new byte[512], 512);
      s.receive(p);
      Message m = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
      assertThat(m.getHeader().getID()).isEqualTo(0x1234);
      assertThat(m.getRcode()).isEqualTo(Rcode.FORMERR);
    }
    // still serving
    assertThat(resolver(false).send(query("web.ns.svc.cluster.local.", Type.A)).getRcode())
        .isEqualTo(Rcode.NOERROR);
  }

  @Test
  void relayedRepliesCarryEdnsOnlyForEdnsClients() throws Exception {
    Message q = query("www.example.org.", Type.A);
    Message up = new Message(999);
    up.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    Message relayed = Responder.relay(q, up);
    assertThat(relayed.getHeader().getID()).isEqualTo(q.getHeader().getID());
    assertThat(relayed.getOPT()).isNull();
  }
}
