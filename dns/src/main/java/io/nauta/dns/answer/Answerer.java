package io.nauta.dns.answer;

import io.nauta.dns.records.ClusterRecords;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one query (see the package description): authoritatively for names in the cluster domain
 * (NXDOMAIN with the zone's SOA for names that do not exist, NOERROR with the SOA for names without
 * records of the asked type), PTR for the addresses of Services and headless endpoints, and {@link
 * Outcome.Forward} for everything else. Thread-safe.
 */
public final class Answerer {
  /** The UDP payload size this server offers in EDNS replies (the DNS flag day's safe size). */
  public static final int EDNS_PAYLOAD = 1232;

  private final Zone zone;
  private final ZoneLookup lookup;

  public Answerer(Zone zone) {
    this.zone = zone;
    this.lookup = new ZoneLookup(zone);
  }

  public Zone zone() {
    return zone;
  }

  /** What to do with {@code query}, answered from {@code records}. */
  public Outcome answer(Message query, ClusterRecords records) {
    if (query.getHeader().getFlag(Flags.QR)) {
      return new Outcome.Drop();
    }
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      return new Outcome.Reply(Replies.error(query, Rcode.NOTIMP));
    }
    if (query.getHeader().getCount(Section.QUESTION) != 1) {
      return new Outcome.Reply(Replies.error(query, Rcode.FORMERR));
    }
    Record question = query.getQuestion();
    Name qname = question.getName();
    int type = question.getType();
    if (qname.subdomain(zone.origin())) {
      boolean inClass = question.getDClass() == DClass.IN || question.getDClass() == DClass.ANY;
      if (!inClass || type == Type.AXFR || type == Type.IXFR) {
        return new Outcome.Reply(Replies.error(query, Rcode.REFUSED));
      }
      return inZone(query, qname, type, records);
    }
    if (type == Type.PTR || type == Type.ANY) {
      Optional<InetAddress> ip = ReverseNames.parse(qname);
      Optional<String> target = ip.flatMap(records::reverse);
      if (target.isPresent()) {
        Message reply = Replies.authoritative(query);
        reply.addRecord(
            new PTRRecord(qname, DClass.IN, zone.ttl(), zone.name(target.get())), Section.ANSWER);
        return new Outcome.Reply(withOpt(query, reply));
      }
    }
    return new Outcome.Forward(query);
  }

  private Outcome inZone(Message query, Name qname, int type, ClusterRecords records) {
    Message reply = Replies.authoritative(query);
    Optional<ZoneLookup.Node> node = lookup.find(qname, records);
    if (node.isEmpty()) {
      reply.getHeader().setRcode(Rcode.NXDOMAIN);
      reply.addRecord(zone.soa(records.serial()), Section.AUTHORITY);
      return new Outcome.Reply(withOpt(query, reply));
    }
    List<Record> answers = new ArrayList<>();
    Name cname = null;
    for (Record r : node.get().records()) {
      if (r instanceof CNAMERecord c && type != Type.CNAME && type != Type.ANY) {
        answers.add(r);
        cname = c.getTarget();
      } else if (type == Type.ANY || r.getType() == type) {
        answers.add(r);
      }
    }
    answers.forEach(r -> reply.addRecord(r, Section.ANSWER));
    if (cname != null) {
      if (!cname.subdomain(zone.origin())) {
        return new Outcome.Chase(withOpt(query, reply), cname, type);
      }
      // a Service of the cluster named by another's ExternalName: one step, no loops
      lookup
          .find(cname, records)
          .ifPresent(
              n ->
                  n.records().stream()
                      .filter(r -> r.getType() == type || type == Type.ANY)
                      .forEach(r -> reply.addRecord(r, Section.ANSWER)));
    }
    if (answers.isEmpty()) {
      reply.addRecord(zone.soa(records.serial()), Section.AUTHORITY);
    } else {
      node.get().additional().stream()
          .filter(r -> type == Type.SRV || type == Type.ANY)
          .forEach(r -> reply.addRecord(r, Section.ADDITIONAL));
    }
    return new Outcome.Reply(withOpt(query, reply));
  }

  /** Answers EDNS with EDNS, offering {@link #EDNS_PAYLOAD}. */
  static Message withOpt(Message query, Message reply) {
    if (query.getOPT() != null) {
      reply.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
    }
    return reply;
  }
}
