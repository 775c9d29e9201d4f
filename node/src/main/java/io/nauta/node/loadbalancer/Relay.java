package io.nauta.node.loadbalancer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One relayed connection: copies bytes from the client to the server and back, each direction on a
 * virtual thread of its own. The first direction to end (end of stream or error) closes both
 * sockets: API clients never half-close, and a server that went away must not leave its clients
 * waiting on a connection that can carry nothing more.
 */
final class Relay {
  private static final int BUFFER = 32 * 1024;

  private final Socket client;
  private final Socket server;
  private final ServerAddress address;
  private final Consumer<Relay> onClosed;
  private final AtomicBoolean closed = new AtomicBoolean();

  Relay(Socket client, Socket server, ServerAddress address, Consumer<Relay> onClosed) {
    this.client = client;
    this.server = server;
    this.address = address;
    this.onClosed = onClosed;
  }

  /** The server this connection goes to. */
  ServerAddress address() {
    return address;
  }

  void start() {
    Thread.ofVirtual().name("lb-up-" + address).start(() -> pump(client, server));
    Thread.ofVirtual().name("lb-down-" + address).start(() -> pump(server, client));
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[BUFFER];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // a reset, or the other direction closed the sockets: this connection is over
    }
    close();
  }

  /** Closes both sockets (once); the relay's threads end. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(client);
    closeQuietly(server);
    onClosed.accept(this);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing left to do with it
    }
  }
}
