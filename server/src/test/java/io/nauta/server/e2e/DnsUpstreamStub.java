package io.nauta.server.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * A tiny upstream resolver on 127.0.0.1 UDP for the cluster DNS server to forward to: answers every
 * query with A 192.0.2.1, except names starting with {@code silent.}, which it never answers (an
 * upstream that is down).
 */
final class DnsUpstreamStub implements AutoCloseable {
  static final String ANSWER = "192.0.2.1";

  final AtomicInteger queries = new AtomicInteger();
  private final DatagramSocket socket;
  private final Thread thread;

  DnsUpstreamStub() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = new Thread(this::serve, "dns-upstream-stub");
    thread.setDaemon(true);
    thread.start();
  }

  /** {@code 127.0.0.1:port}, as {@code --dns-upstream} takes it. */
  String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        queries.incrementAndGet();
        Message q = new Message(Arrays.copyOf(p.getData(), p.getLength()));
        if (q.getQuestion().getName().toString().startsWith("silent.")) {
          continue;
        }
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        r.addRecord(q.getQuestion(), Section.QUESTION);
        r.addRecord(
            new ARecord(q.getQuestion().getName(), DClass.IN, 60, InetAddress.getByName(ANSWER)),
            Section.ANSWER);
        byte[] out = r.toWire();
        socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
      } catch (IOException e) {
        // closed, or a datagram that was no query
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(2000);
  }
}
