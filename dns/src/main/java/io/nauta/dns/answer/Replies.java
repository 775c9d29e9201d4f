package io.nauta.dns.answer;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Reply messages to a query: its ID, its question, the flags of this server. */
public final class Replies {
  private Replies() {}

  /** A NOERROR reply with the authoritative-answer flag, no records yet. */
  static Message authoritative(Message query) {
    Message reply = base(query);
    reply.getHeader().setFlag(Flags.AA);
    return reply;
  }

  /** A reply of {@code rcode} with no records (SERVFAIL when upstream resolvers fail, ...). */
  public static Message error(Message query, int rcode) {
    Message reply = base(query);
    reply.getHeader().setRcode(rcode);
    return Answerer.withOpt(query, reply);
  }

  /** A FORMERR reply to a message that could not be parsed, of which only the ID is known. */
  public static Message formatError(int id) {
    Message reply = new Message(id);
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setRcode(Rcode.FORMERR);
    return reply;
  }

  private static Message base(Message query) {
    Header qh = query.getHeader();
    Message reply = new Message(qh.getID());
    Header h = reply.getHeader();
    h.setFlag(Flags.QR);
    h.setFlag(Flags.RA);
    if (qh.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    h.setOpcode(qh.getOpcode());
    Record q = query.getQuestion();
    if (q != null && qh.getCount(Section.QUESTION) == 1) {
      reply.addRecord(q, Section.QUESTION);
    }
    return reply;
  }
}
