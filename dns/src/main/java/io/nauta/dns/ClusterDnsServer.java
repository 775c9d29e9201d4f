package io.nauta.dns;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.dns.answer.Answerer;
import io.nauta.dns.answer.Zone;
import io.nauta.dns.registration.KubeDnsRegistration;
import io.nauta.dns.server.DnsServer;
import io.nauta.dns.server.Responder;
import io.nauta.dns.upstream.Forwarder;
import io.nauta.dns.watch.ClusterWatch;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A running cluster DNS server: the informers, the UDP and TCP listeners and its registration as an
 * endpoint of {@code kube-system/kube-dns}. Close it to unregister and stop, in that order.
 */
public final class ClusterDnsServer implements AutoCloseable {
  /**
   * How a DNS server runs: the cluster {@code domain}, the {@code address} and {@code port} it
   * listens on (0: any free port), the {@code upstreams} it forwards other names to and how long it
   * waits for each, the node it runs on (null when none), and the cluster IP the kube-dns Service
   * asks for when this server has to create it.
   */
  public record Config(
      String domain,
      InetAddress address,
      int port,
      List<InetSocketAddress> upstreams,
      Duration upstreamTimeout,
      String nodeName,
      String clusterIp) {
    public Config {
      upstreams = List.copyOf(upstreams);
    }
  }

  private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REGISTRATION_PERIOD = Duration.ofSeconds(10);

  private final ClusterWatch watch;
  private final DnsServer server;
  private final KubeDnsRegistration registration;

  private ClusterDnsServer(ClusterWatch watch, DnsServer server, KubeDnsRegistration registration) {
    this.watch = watch;
    this.server = server;
    this.registration = registration;
  }

  /** Starts watching through {@code client}, listening and registering, as {@code config} says. */
  public static ClusterDnsServer start(KubernetesClient client, Config config, Clock clock)
      throws Exception {
    Zone zone = Zone.of(config.domain(), Zone.DEFAULT_TTL);
    List<InetSocketAddress> upstreams =
        config.upstreams().stream()
            .filter(u -> !(u.getAddress().equals(config.address()) && u.getPort() == config.port()))
            .toList();
    if (upstreams.isEmpty()) {
      throw new IllegalArgumentException(
          "no upstream resolver other than this DNS server itself: " + config.upstreams());
    }
    Forwarder forwarder = new Forwarder(upstreams, config.upstreamTimeout());
    ClusterWatch watch = ClusterWatch.start(client, clock, LIST_TIMEOUT);
    DnsServer server;
    try {
      server =
          DnsServer.start(
              new Responder(new Answerer(zone), watch::records, forwarder),
              config.address(),
              config.port());
    } catch (Exception e) {
      watch.close();
      throw e;
    }
    KubeDnsRegistration registration =
        KubeDnsRegistration.start(
            client,
            server.address(),
            server.port(),
            config.nodeName(),
            config.clusterIp(),
            REGISTRATION_PERIOD);
    return new ClusterDnsServer(watch, server, registration);
  }

  /** The address the server listens on. */
  public InetAddress address() {
    return server.address();
  }

  /** The port the server listens on, UDP and TCP. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    registration.close();
    server.close();
    watch.close();
  }
}
