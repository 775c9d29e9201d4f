package io.nauta.dns.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Properties of name handling over arbitrary names in and around the cluster domain. */
class AnswerNamePropertiesTest {
  final Answerer answerer = new Answerer(Zone.of("cluster.local", 5));

  @Property(tries = 500)
  void everyNameInTheZoneGetsAnAuthoritativeAnswer(
      @ForAll("labels") List<String> labels, @ForAll("types") int type) throws Exception {
    String name = String.join(".", labels) + (labels.isEmpty() ? "" : ".") + "cluster.local.";
    Outcome o = answerer.answer(AnswererTest.query(name, type), AnswererTest.RECORDS);
    if (o instanceof Outcome.Chase c) {
      assertThat(c.reply().getSection(Section.ANSWER)).isNotEmpty();
      return;
    }
    assertThat(o).isInstanceOf(Outcome.Reply.class);
    Message m = ((Outcome.Reply) o).message();
    assertThat(m.getRcode()).isIn(Rcode.NOERROR, Rcode.NXDOMAIN);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    if (m.getSection(Section.ANSWER).isEmpty()) {
      assertThat(m.getSection(Section.AUTHORITY)).hasSize(1);
    }
    // it survives the wire
    assertThat(new Message(m.toWire(512)).getHeader().getID()).isEqualTo(4711);
  }

  @Property(tries = 200)
  void letterCaseNeverChangesAnAnswer(
      @ForAll("knownNames") String name, @ForAll("flips") List<Boolean> flips) throws Exception {
    StringBuilder mixed = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      mixed.append(flips.get(i % flips.size()) ? Character.toUpperCase(c) : c);
    }
    assertThat(rdata(mixed.toString())).isEqualTo(rdata(name));
  }

  @Property(tries = 200)
  void namesOutsideTheZoneAreForwarded(@ForAll("labels") List<String> labels) throws Exception {
    String name = String.join(".", labels) + (labels.isEmpty() ? "" : ".") + "example.org.";
    assertThat(answerer.answer(AnswererTest.query(name, Type.A), AnswererTest.RECORDS))
        .isInstanceOf(Outcome.Forward.class);
  }

  private List<String> rdata(String name) throws Exception {
    Outcome o = answerer.answer(AnswererTest.query(name, Type.ANY), AnswererTest.RECORDS);
    Message m = ((Outcome.Reply) o).message();
    return m.getSection(Section.ANSWER).stream()
        .map(r -> Rcode.string(m.getRcode()) + " " + r.rdataToString().toLowerCase(Locale.ROOT))
        .toList();
  }

  @Provide
  Arbitrary<List<String>> labels() {
    Arbitrary<String> known =
        Arbitraries.of(
            "web",
            "db",
            "shop",
            "svc",
            "pod",
            "db-0",
            "_sql",
            "_tcp",
            "_udp",
            "10-42-0-7",
            "cluster",
            "local",
            "dns-version",
            "mail",
            "alias");
    Arbitrary<String> random =
        Arbitraries.strings().withChars("abcxyz019-_").ofMinLength(1).ofMaxLength(12);
    return Arbitraries.oneOf(known, random).list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<Integer> types() {
    return Arbitraries.of(
        Type.A, Type.AAAA, Type.SRV, Type.PTR, Type.TXT, Type.ANY, Type.CNAME, Type.MX);
  }

  @Provide
  Arbitrary<String> knownNames() {
    return Arbitraries.of(
        "web.shop.svc.cluster.local.",
        "db.shop.svc.cluster.local.",
        "db-0.db.shop.svc.cluster.local.",
        "_sql._tcp.db.shop.svc.cluster.local.",
        "10-42-0-7.shop.pod.cluster.local.",
        "nope.shop.svc.cluster.local.");
  }

  @Provide
  Arbitrary<List<Boolean>> flips() {
    return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(10);
  }
}
