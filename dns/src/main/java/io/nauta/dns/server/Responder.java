package io.nauta.dns.server;

import io.nauta.dns.answer.Answerer;
import io.nauta.dns.answer.Outcome;
import io.nauta.dns.answer.Replies;
import io.nauta.dns.records.ClusterRecords;
import io.nauta.dns.upstream.Forwarder;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Turns a query's bytes into reply bytes: parses, answers from the current records snapshot,
 * forwards what is not the cluster's, and encodes within the transport's size. Thread-safe: cluster
 * answers are computed on the calling thread, forwarded ones complete on the forwarder's thread.
 */
public final class Responder {
  /** The largest UDP reply, whatever a client's EDNS offers. */
  static final int MAX_UDP = 4096;

  private final Answerer answerer;
  private final Supplier<ClusterRecords> records;
  private final Forwarder forwarder;

  public Responder(Answerer answerer, Supplier<ClusterRecords> records, Forwarder forwarder) {
    this.answerer = answerer;
    this.records = records;
    this.forwarder = forwarder;
  }

  /**
   * Handles {@code query}, calling {@code reply} once with the encoded reply (perhaps later, on
   * another thread), or never when the bytes are not a query. {@code udp} limits the reply to the
   * client's UDP payload size.
   */
  public void process(byte[] query, boolean udp, Consumer<byte[]> reply) {
    Message q;
    try {
      q = new Message(query);
    } catch (IOException e) {
      if (query.length >= 12 && (query[2] & 0x80) == 0) {
        reply.accept(Replies.formatError(((query[0] & 0xff) << 8) | (query[1] & 0xff)).toWire());
      }
      return;
    }
    int max = udp ? udpLimit(q) : 65535;
    switch (answerer.answer(q, records.get())) {
      case Outcome.Reply r -> reply.accept(r.message().toWire(max));
      case Outcome.Forward f ->
          forwarder
              .forward(f.query())
              .whenComplete(
                  (m, err) -> {
                    Message out = err != null ? Replies.error(q, Rcode.SERVFAIL) : relay(q, m);
                    reply.accept(out.toWire(max));
                  });
      case Outcome.Chase c ->
          forwarder
              .forward(Message.newQuery(Record.newRecord(c.target(), c.type(), DClass.IN)))
              .whenComplete(
                  (m, err) -> {
                    if (err == null && m.getRcode() == Rcode.NOERROR) {
                      for (Record r : m.getSection(Section.ANSWER)) {
                        c.reply().addRecord(r, Section.ANSWER);
                      }
                    }
                    reply.accept(c.reply().toWire(max));
                  });
      case Outcome.Drop d -> {}
    }
  }

  /** The upstream's reply as the client's: its ID, EDNS only if it asked with EDNS. */
  static Message relay(Message query, Message upstream) {
    upstream.getHeader().setID(query.getHeader().getID());
    if (query.getOPT() == null) {
      for (Record r : upstream.getSection(Section.ADDITIONAL)) {
        if (r instanceof OPTRecord) {
          upstream.removeRecord(r, Section.ADDITIONAL);
        }
      }
    }
    return upstream;
  }

  /** 512 bytes, or what the client's EDNS offers (at most {@link #MAX_UDP}). */
  static int udpLimit(Message query) {
    OPTRecord opt = query.getOPT();
    return opt == null ? 512 : Math.min(MAX_UDP, Math.max(512, opt.getPayloadSize()));
  }
}
