package io.nauta.node.loadbalancer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay on a free loopback port that passes each new connection to the first API server that
 * accepts it: the one that accepted the last connection, then the others in order. Close it to stop
 * listening and break every relayed connection. Thread-safe.
 */
public final class LoadBalancer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoadBalancer.class);

  /** How long a silent connection to a server lives before the kernel checks it (keepalive). */
  private static final int KEEPALIVE_IDLE_SECONDS = 10;

  private final ServerSocket listener;
  private final List<ServerAddress> given;
  private final Duration dialTimeout;
  private final Set<Relay> open = ConcurrentHashMap.newKeySet();
  private volatile List<ServerAddress> servers;
  private volatile ServerAddress preferred;
  private volatile boolean closed;

  private LoadBalancer(ServerSocket listener, List<ServerAddress> given, Duration dialTimeout) {
    this.listener = listener;
    this.given = List.copyOf(given);
    this.servers = this.given;
    this.preferred = this.given.get(0);
    this.dialTimeout = dialTimeout;
  }

  /**
   * Starts relaying to {@code servers} (at least one, in order of preference) on a free port of
   * 127.0.0.1; a server that does not accept a connection within {@code dialTimeout} is skipped.
   */
  public static LoadBalancer start(List<ServerAddress> servers, Duration dialTimeout)
      throws IOException {
    return start(servers, dialTimeout, 0);
  }

  /**
   * Starts relaying to {@code servers} on {@code port} of 127.0.0.1 (0: a free one).
   *
   * @throws java.net.BindException if the port is taken
   */
  public static LoadBalancer start(List<ServerAddress> servers, Duration dialTimeout, int port)
      throws IOException {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("the load balancer needs at least one server");
    }
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    LoadBalancer lb = new LoadBalancer(listener, servers, dialTimeout);
    Thread.ofPlatform()
        .daemon()
        .name("apiserver-lb-" + listener.getLocalPort())
        .start(lb::acceptLoop);
    LOG.info("relaying 127.0.0.1:{} to the API servers {}", listener.getLocalPort(), servers);
    return lb;
  }

  /** The loopback port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** The URL API clients use: {@code https://127.0.0.1:PORT}. */
  public String url() {
    return "https://127.0.0.1:" + port();
  }

  /** The servers new connections may go to: those given at start, then those learned. */
  public List<ServerAddress> servers() {
    return servers;
  }

  /** The server the last connection went to (the first given until one has). */
  public ServerAddress preferred() {
    return preferred;
  }

  /** How many connections are being relayed now. */
  public int openConnections() {
    return open.size();
  }

  /**
   * Replaces the learned servers: from now on new connections may go to the servers given at start
   * and to {@code learned}. Open connections are left alone.
   */
  public void learn(Collection<ServerAddress> learned) {
    Set<ServerAddress> all = new LinkedHashSet<>(given);
    all.addAll(learned);
    List<ServerAddress> next = List.copyOf(all);
    if (!next.equals(servers)) {
      LOG.info("API servers to relay to: {}", next);
      servers = next;
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("the API server load balancer stops accepting: {}", e.getMessage());
        }
        return;
      }
      Thread.ofVirtual().name("apiserver-lb-dial").start(() -> relay(client));
    }
  }

  private void relay(Socket client) {
    try {
      client.setTcpNoDelay(true);
    } catch (SocketException e) {
      close(client);
      return;
    }
    for (ServerAddress s : order()) {
      Socket server = new Socket();
      try {
        keepAlive(server);
        server.connect(new InetSocketAddress(s.host(), s.port()), (int) dialTimeout.toMillis());
      } catch (IOException e) {
        close(server);
        LOG.warn("API server {} does not accept connections ({})", s, e.getMessage());
        continue;
      }
      if (!s.equals(preferred)) {
        LOG.info("relaying new API connections to {}", s);
        preferred = s;
      }
      Relay relay = new Relay(client, server, s, open::remove);
      open.add(relay);
      if (closed) {
        relay.close();
        return;
      }
      relay.start();
      return;
    }
    LOG.warn("no API server of {} accepts connections", servers);
    close(client);
  }

  /** The preferred server first, then the others in order. */
  private List<ServerAddress> order() {
    List<ServerAddress> all = servers;
    ServerAddress first = preferred;
    List<ServerAddress> order = new ArrayList<>(all.size() + 1);
    if (all.contains(first)) {
      order.add(first);
    }
    for (ServerAddress s : all) {
      if (!s.equals(first)) {
        order.add(s);
      }
    }
    return order;
  }

  /** So that a connection to a server that vanished (no reset) breaks in well under a minute. */
  private static void keepAlive(Socket s) throws SocketException {
    s.setKeepAlive(true);
    s.setTcpNoDelay(true);
    try {
      s.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
      s.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 5);
      s.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
    } catch (UnsupportedOperationException | IOException e) {
      // the platform's keepalive defaults then apply
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing left to do with it
    }
  }

  /** Stops listening and breaks every relayed connection. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
    for (Relay r : List.copyOf(open)) {
      r.close();
    }
  }
}
