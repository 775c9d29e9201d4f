package io.nauta.apiserver.endpoints;

import io.nauta.apiserver.pki.CertificateAuthority;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in node agent for the API server's proxy: HTTPS requiring a client certificate of the
 * cluster CA, recording each request; a log answer in two chunks, a Status for {@code /fail}, and
 * for an upgrade a 101 followed by an echo of every byte.
 */
final class FakeAgent implements AutoCloseable {
  /** One request as the agent saw it. */
  record Seen(String requestLine, List<String> headers, String peer) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final SSLServerSocket server;

  FakeAgent(CertificateAuthority ca) throws Exception {
    var issued =
        ca.issueServer("agent", List.of("localhost"), List.of(InetAddress.getByName("127.0.0.1")));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("agent", issued.key(), new char[0], new Certificate[] {issued.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0);
    server.setNeedClientAuth(true);
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  Thread.ofVirtual().start(() -> serve((SSLSocket) s));
                } catch (IOException e) {
                  return;
                }
              }
            });
  }

  /** When set, {@code /stats/summary} answers as this node's agent (see {@link #summary}). */
  volatile String statsNode;

  private final long born = System.nanoTime();

  /**
   * A stats summary of node {@code node} running pod {@code default/web} whose container {@code c}
   * has used half a core since this agent started, with 3 MiB of working set; the node uses one
   * core and 1 GiB. Only cumulative counters: rates come from two of them.
   */
  private String summary(String node) {
    long elapsed = System.nanoTime() - born;
    String now = java.time.Instant.now().toString();
    return """
        {"node":{"nodeName":"%s","cpu":{"time":"%s","usageCoreNanoSeconds":%d},
                 "memory":{"time":"%s","workingSetBytes":1073741824}},
         "pods":[{"podRef":{"name":"web","namespace":"default","uid":"u"},
           "containers":[{"name":"c","startTime":"2024-01-01T00:00:00Z",
             "cpu":{"time":"%s","usageCoreNanoSeconds":%d},
             "memory":{"time":"%s","workingSetBytes":3145728}}]}]}
        """
        .formatted(node, now, elapsed, now, now, elapsed / 2, now);
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve(SSLSocket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      List<String> lines = readHead(in);
      String peer =
          ((X509Certificate) s.getSession().getPeerCertificates()[0])
              .getSubjectX500Principal()
              .getName();
      seen.add(new Seen(lines.get(0), lines.subList(1, lines.size()), peer));
      String path = lines.get(0).split(" ")[1];
      boolean upgrade = lines.stream().anyMatch(l -> l.toLowerCase().startsWith("upgrade:"));
      if (upgrade) {
        write(
            out,
            "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                + "X-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n");
        in.transferTo(out);
      } else if (path.startsWith("/containerLogs/")) {
        write(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\nline1\n\r\n6\r\nline2\n\r\n0\r\n\r\n");
      } else if (path.startsWith("/stats/summary") && statsNode != null) {
        String body = summary(statsNode);
        write(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\nConnection: close\r\n\r\n"
                + body);
      } else if (path.startsWith("/fail")) {
        String body =
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"agent says no\",\"reason\":\"BadRequest\",\"code\":400}";
        write(
            out,
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\nConnection: close\r\n\r\n"
                + body);
      } else {
        String body = "{\"path\":\"" + path + "\"}";
        write(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\nConnection: close\r\n\r\n"
                + body);
      }
    } catch (IOException e) {
      // the proxy went away
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The request line and header lines, up to the blank line. */
  static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String l = line.toString(StandardCharsets.UTF_8).stripTrailing();
        line.reset();
        if (l.isEmpty()) {
          return lines;
        }
        lines.add(l);
      } else {
        line.write(b);
      }
    }
    return lines;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
