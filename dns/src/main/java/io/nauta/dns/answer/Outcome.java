package io.nauta.dns.answer;

import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/** What to do with one query: the closed set of results of {@link Answerer#answer}. */
public sealed interface Outcome {
  /** Send {@code message} back to the client as it is. */
  record Reply(Message message) implements Outcome {}

  /**
   * The name is not the cluster's: ask the upstream resolvers {@code query} and relay the reply.
   */
  record Forward(Message query) implements Outcome {}

  /**
   * {@code reply} ends in a CNAME to {@code target} outside the cluster domain: resolve {@code
   * target} of {@code type} upstream and append what it answers (send {@code reply} as it is when
   * that fails).
   */
  record Chase(Message reply, Name target, int type) implements Outcome {}

  /** Not a query (a response, or garbage without a header): say nothing. */
  record Drop() implements Outcome {}
}
