package io.nauta.dns.upstream;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends queries to the upstream resolvers, each in turn until one answers (over UDP, retrying over
 * TCP when the reply is truncated). Thread-safe; replies arrive on dnsjava's I/O thread.
 */
public final class Forwarder {
  private final List<InetSocketAddress> upstreams;
  private final Duration timeout;
  private final ExtendedResolver resolver;

  /** Forwards to {@code upstreams}, waiting at most {@code timeout} for each. */
  public Forwarder(List<InetSocketAddress> upstreams, Duration timeout) {
    if (upstreams.isEmpty()) {
      throw new IllegalArgumentException("no upstream resolvers");
    }
    this.upstreams = List.copyOf(upstreams);
    this.timeout = timeout;
    Resolver[] each = new Resolver[upstreams.size()];
    for (int i = 0; i < each.length; i++) {
      SimpleResolver r = new SimpleResolver(upstreams.get(i));
      r.setTimeout(timeout);
      each[i] = r;
    }
    this.resolver = new ExtendedResolver(each);
    this.resolver.setRetries(1);
    this.resolver.setTimeout(timeout);
  }

  public List<InetSocketAddress> upstreams() {
    return upstreams;
  }

  /**
   * The upstream reply to {@code query} (whose ID it carries), or a failed future when no upstream
   * answered within the timeouts.
   */
  public CompletableFuture<Message> forward(Message query) {
    long budget = timeout.toMillis() * (upstreams.size() + 1);
    return resolver
        .sendAsync(query.clone())
        .toCompletableFuture()
        .orTimeout(budget, TimeUnit.MILLISECONDS);
  }
}
