package io.nauta.dns.answer;

import static io.nauta.dns.ClusterObjects.clusterIp;
import static io.nauta.dns.ClusterObjects.endpoint;
import static io.nauta.dns.ClusterObjects.externalName;
import static io.nauta.dns.ClusterObjects.headless;
import static io.nauta.dns.ClusterObjects.port;
import static io.nauta.dns.ClusterObjects.slice;
import static io.nauta.dns.ClusterObjects.slicePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.dns.records.ClusterRecords;
import io.nauta.dns.records.RecordsBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class AnswererTest {
  static final ClusterRecords RECORDS =
      RecordsBuilder.build(
          List.of(
              clusterIp("shop", "web", "10.43.0.20", port("http", "TCP", 80), port("", "TCP", 81)),
              headless("shop", "db", port("sql", "TCP", 5432), port("metrics", "UDP", 9000)),
              headless("shop", "empty", port("sql", "TCP", 5432)),
              externalName("shop", "mail", "mail.example.com"),
              externalName("shop", "alias", "web.shop.svc.cluster.local")),
          List.of(
              slice(
                  "shop",
                  "db",
                  "db-1",
                  List.of(
                      io.nauta.dns.ClusterObjects.slicePort("sql", "TCP", 15432),
                      slicePort("metrics", "UDP", 9000)),
                  endpoint("10.42.0.7", true, "db-0"),
                  endpoint("10.42.1.8", true, null),
                  endpoint("10.42.2.9", false, "db-2"))),
          (ns, ip) -> ns.equals("shop") && ip.getHostAddress().equals("10.42.0.7"),
          42);

  final Answerer answerer = new Answerer(Zone.of("cluster.local", 5));

  static Message query(String name, int type) throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    q.getHeader().setID(4711);
    return q;
  }

  Message reply(String name, int type) throws Exception {
    Outcome o = answerer.answer(query(name, type), RECORDS);
    assertThat(o).isInstanceOf(Outcome.Reply.class);
    return ((Outcome.Reply) o).message();
  }

  static List<String> data(Message m, int section) {
    return m.getSection(section).stream().map(Record::rdataToString).toList();
  }

  record Case(String name, int type, int rcode, List<String> answers) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        row("service A", "web.shop.svc.cluster.local.", Type.A, Rcode.NOERROR, "10.43.0.20"),
        row("case-insensitive", "WEB.Shop.SVC.Cluster.Local.", Type.A, Rcode.NOERROR, "10.43.0.20"),
        row("service AAAA is empty", "web.shop.svc.cluster.local.", Type.AAAA, Rcode.NOERROR),
        row("service ANY", "web.shop.svc.cluster.local.", Type.ANY, Rcode.NOERROR, "10.43.0.20"),
        row(
            "headless A: ready endpoints",
            "db.shop.svc.cluster.local.",
            Type.A,
            Rcode.NOERROR,
            "10.42.0.7",
            "10.42.1.8"),
        row("headless without endpoints", "empty.shop.svc.cluster.local.", Type.A, Rcode.NOERROR),
        row(
            "endpoint hostname",
            "db-0.db.shop.svc.cluster.local.",
            Type.A,
            Rcode.NOERROR,
            "10.42.0.7"),
        row(
            "endpoint dashed IP",
            "10-42-1-8.db.shop.svc.cluster.local.",
            Type.A,
            Rcode.NOERROR,
            "10.42.1.8"),
        row("not-ready endpoint", "db-2.db.shop.svc.cluster.local.", Type.A, Rcode.NXDOMAIN),
        row(
            "endpoint of a cluster-IP service",
            "x.web.shop.svc.cluster.local.",
            Type.A,
            Rcode.NXDOMAIN),
        row(
            "SRV of a cluster-IP service",
            "_http._tcp.web.shop.svc.cluster.local.",
            Type.SRV,
            Rcode.NOERROR,
            "0 100 80 web.shop.svc.cluster.local."),
        row(
            "SRV of a headless service: one per endpoint on its port",
            "_sql._tcp.db.shop.svc.cluster.local.",
            Type.SRV,
            Rcode.NOERROR,
            "0 50 15432 db-0.db.shop.svc.cluster.local.",
            "0 50 15432 10-42-1-8.db.shop.svc.cluster.local."),
        row(
            "SRV over UDP",
            "_Metrics._UDP.db.shop.svc.cluster.local.",
            Type.SRV,
            Rcode.NOERROR,
            "0 50 9000 db-0.db.shop.svc.cluster.local.",
            "0 50 9000 10-42-1-8.db.shop.svc.cluster.local."),
        row(
            "SRV of a wrong protocol",
            "_http._udp.web.shop.svc.cluster.local.",
            Type.SRV,
            Rcode.NXDOMAIN),
        row(
            "SRV of an unknown port",
            "_ftp._tcp.web.shop.svc.cluster.local.",
            Type.SRV,
            Rcode.NXDOMAIN),
        row("protocol node exists", "_tcp.web.shop.svc.cluster.local.", Type.SRV, Rcode.NOERROR),
        row("pod", "10-42-0-7.shop.pod.cluster.local.", Type.A, Rcode.NOERROR, "10.42.0.7"),
        row(
            "pod of another namespace",
            "10-42-0-7.other.pod.cluster.local.",
            Type.A,
            Rcode.NXDOMAIN),
        row(
            "pod that does not exist",
            "10-42-0-99.shop.pod.cluster.local.",
            Type.A,
            Rcode.NXDOMAIN),
        row("unknown service", "nope.shop.svc.cluster.local.", Type.A, Rcode.NXDOMAIN),
        row("unknown namespace", "web.nope.svc.cluster.local.", Type.A, Rcode.NXDOMAIN),
        row(
            "search-path expansion",
            "web.shop.svc.cluster.local.shop.svc.cluster.local.",
            Type.A,
            Rcode.NXDOMAIN),
        row("search-path with short name", "web.svc.cluster.local.", Type.A, Rcode.NXDOMAIN),
        row("namespace node", "shop.svc.cluster.local.", Type.A, Rcode.NOERROR),
        row("svc node", "svc.cluster.local.", Type.A, Rcode.NOERROR),
        row(
            "apex SOA",
            "cluster.local.",
            Type.SOA,
            Rcode.NOERROR,
            "ns.dns.cluster.local. hostmaster.cluster.local. 42 7200 1800 86400 5"),
        row("schema version", "dns-version.cluster.local.", Type.TXT, Rcode.NOERROR, "\"1.1.0\""),
        row("other top-level name", "nope.cluster.local.", Type.A, Rcode.NXDOMAIN),
        row(
            "ExternalName to a cluster name is followed",
            "alias.shop.svc.cluster.local.",
            Type.A,
            Rcode.NOERROR,
            "web.shop.svc.cluster.local.",
            "10.43.0.20"),
        row(
            "PTR of a cluster IP",
            "20.0.43.10.in-addr.arpa.",
            Type.PTR,
            Rcode.NOERROR,
            "web.shop.svc.cluster.local."),
        row(
            "PTR of a headless endpoint",
            "8.1.42.10.in-addr.arpa.",
            Type.PTR,
            Rcode.NOERROR,
            "10-42-1-8.db.shop.svc.cluster.local."));
  }

  static Arguments row(String title, String name, int type, int rcode, String... answers) {
    return Arguments.of(Named.of(title, new Case(name, type, rcode, List.of(answers))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersTheClusterDomain(Case c) throws Exception {
    Message m = reply(c.name(), c.type());
    assertThat(Rcode.string(m.getRcode())).isEqualTo(Rcode.string(c.rcode()));
    assertThat(data(m, Section.ANSWER)).containsExactlyInAnyOrderElementsOf(c.answers());
    assertThat(m.getHeader().getID()).isEqualTo(4711);
    assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(m.getQuestion().getName().toString()).isEqualTo(c.name());
    if (c.answers().isEmpty()) {
      assertThat(m.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r.getType() != Type.CNAME && !c.name().startsWith("alias")) {
        // the owner is the name as asked, so that case-preserving clients match it
        assertThat(r.getName().toString()).isEqualTo(c.name());
      }
    }
  }

  @Test
  void srvAnswersCarryTheTargetsAddresses() throws Exception {
    Message m = reply("_sql._tcp.db.shop.svc.cluster.local.", Type.SRV);
    assertThat(m.getSection(Section.ADDITIONAL))
        .extracting(r -> r.getName() + " " + r.rdataToString())
        .containsExactlyInAnyOrder(
            "db-0.db.shop.svc.cluster.local. 10.42.0.7",
            "10-42-1-8.db.shop.svc.cluster.local. 10.42.1.8");
    Message web = reply("_http._tcp.web.shop.svc.cluster.local.", Type.SRV);
    assertThat(data(web, Section.ADDITIONAL)).containsExactly("10.43.0.20");
  }

  @Test
  void externalNamesOutsideTheZoneAreChasedUpstream() throws Exception {
    Outcome o = answerer.answer(query("mail.shop.svc.cluster.local.", Type.A), RECORDS);
    assertThat(o).isInstanceOf(Outcome.Chase.class);
    Outcome.Chase c = (Outcome.Chase) o;
    assertThat(c.target()).hasToString("mail.example.com.");
    assertThat(c.type()).isEqualTo(Type.A);
    assertThat(c.reply().getSection(Section.ANSWER))
        .singleElement()
        .isInstanceOf(CNAMERecord.class);
    Message cname = reply("mail.shop.svc.cluster.local.", Type.CNAME);
    assertThat(data(cname, Section.ANSWER)).containsExactly("mail.example.com.");
  }

  @Test
  void namesOutsideTheZoneAndUnknownAddressesAreForwarded() throws Exception {
    assertThat(answerer.answer(query("example.com.", Type.A), RECORDS))
        .isInstanceOf(Outcome.Forward.class);
    assertThat(answerer.answer(query("local.", Type.A), RECORDS))
        .isInstanceOf(Outcome.Forward.class);
    assertThat(answerer.answer(query("1.1.168.192.in-addr.arpa.", Type.PTR), RECORDS))
        .isInstanceOf(Outcome.Forward.class);
  }

  @Test
  void ednsQueriesGetEdnsReplies() throws Exception {
    Message q = query("web.shop.svc.cluster.local.", Type.A);
    q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    Message m = ((Outcome.Reply) answerer.answer(q, RECORDS)).message();
    assertThat(m.getOPT()).isNotNull();
    assertThat(m.getOPT().getPayloadSize()).isEqualTo(Answerer.EDNS_PAYLOAD);
    assertThat(reply("web.shop.svc.cluster.local.", Type.A).getOPT()).isNull();
  }

  @Test
  void refusesWhatItDoesNotDo() throws Exception {
    Message update = query("web.shop.svc.cluster.local.", Type.A);
    update.getHeader().setOpcode(Opcode.UPDATE);
    assertThat(rcode(answerer.answer(update, RECORDS))).isEqualTo(Rcode.NOTIMP);
    Message none = new Message(7);
    assertThat(rcode(answerer.answer(none, RECORDS))).isEqualTo(Rcode.FORMERR);
    assertThat(rcode(answerer.answer(query("cluster.local.", Type.AXFR), RECORDS)))
        .isEqualTo(Rcode.REFUSED);
    Message chaos =
        Message.newQuery(
            Record.newRecord(Name.fromString("web.shop.svc.cluster.local."), Type.TXT, DClass.CH));
    assertThat(rcode(answerer.answer(chaos, RECORDS))).isEqualTo(Rcode.REFUSED);
    Message response = query("web.shop.svc.cluster.local.", Type.A);
    response.getHeader().setFlag(Flags.QR);
    assertThat(answerer.answer(response, RECORDS)).isInstanceOf(Outcome.Drop.class);
  }

  @Test
  void reverseNamesOfIpv6Addresses() throws Exception {
    ClusterRecords v6 =
        RecordsBuilder.build(
            List.of(clusterIp("ns", "six", "fd00:43::a")),
            List.of(),
            io.nauta.dns.records.PodDirectory.NONE,
            1);
    String name = "a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.4.0.0.0.0.d.f.ip6.arpa.";
    Message m = ((Outcome.Reply) answerer.answer(query(name, Type.PTR), v6)).message();
    assertThat(data(m, Section.ANSWER)).containsExactly("six.ns.svc.cluster.local.");
    Message aaaa =
        ((Outcome.Reply) answerer.answer(query("six.ns.svc.cluster.local.", Type.AAAA), v6))
            .message();
    assertThat(data(aaaa, Section.ANSWER)).containsExactly("fd00:43:0:0:0:0:0:a");
  }

  private static int rcode(Outcome o) {
    return ((Outcome.Reply) o).message().getRcode();
  }
}
