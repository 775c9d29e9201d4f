package io.nauta.node.loadbalancer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;

/**
 * A stand-in API server on a loopback port: greets each connection with its name and a newline,
 * then echoes every byte. It can stop listening while keeping its connections, and listen again on
 * the same port.
 */
final class EchoServer implements AutoCloseable {
  private final String name;
  private final int port;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  private EchoServer(String name, int port) {
    this.name = name;
    this.port = port;
  }

  static EchoServer start(String name) throws IOException {
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    EchoServer e = new EchoServer(name, s.getLocalPort());
    e.serve(s);
    return e;
  }

  /** A loopback port nothing listens on. */
  static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  ServerAddress address() {
    return new ServerAddress("127.0.0.1", port);
  }

  int connections() {
    return connections.size();
  }

  /** Listens again on its port. */
  void listen() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    serve(s);
  }

  private void serve(ServerSocket s) {
    listener = s;
    Thread.ofVirtual()
        .start(
            () -> {
              while (!s.isClosed()) {
                try {
                  Socket c = s.accept();
                  connections.add(c);
                  Thread.ofVirtual().start(() -> echo(c));
                } catch (IOException e) {
                  return;
                }
              }
            });
  }

  private void echo(Socket c) {
    try (c) {
      OutputStream out = c.getOutputStream();
      out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = c.getInputStream();
      in.transferTo(out);
    } catch (IOException e) {
      // the test killed it
    } finally {
      connections.remove(c);
    }
  }

  /**
   * Stops accepting, and returns once the port refuses connections (closing a listener a thread is
   * blocked on may take effect a moment later); open connections keep working.
   */
  void stopListening() throws IOException {
    listener.close();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(this::refuses);
  }

  private boolean refuses() {
    try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Breaks every open connection, as a dying process does. */
  void killConnections() throws IOException {
    for (Socket c : Set.copyOf(connections)) {
      c.close();
    }
  }

  @Override
  public void close() throws IOException {
    stopListening();
    killConnections();
  }
}
