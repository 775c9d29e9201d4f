package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.Probe;
import io.nauta.cri.CriClient;
import io.nauta.cri.ExecResult;
import io.nauta.node.lifecycle.Hooks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Runs one probe once, as a kubelet does: {@code exec} succeeds on exit code 0, {@code httpGet} on
 * a status from 200 to 399, {@code tcpSocket} when a connection opens, {@code grpc} when the health
 * service says SERVING, each within {@code timeoutSeconds} (default 1); ports may be named after
 * the container's ports. Returns why it failed, or null on success.
 */
final class Prober {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  private Prober() {}

  static String run(Probe p, Container c, CriClient cri, String containerId, String podIp) {
    Duration timeout =
        Duration.ofSeconds(p.getTimeoutSeconds() == null ? 1 : Math.max(1, p.getTimeoutSeconds()));
    try {
      if (p.getExec() != null) {
        ExecResult r = cri.execSync(containerId, p.getExec().getCommand(), timeout);
        return r.exitCode() == 0
            ? null
            : "command " + p.getExec().getCommand() + " exited with " + r.exitCode();
      }
      if (p.getHttpGet() != null) {
        var g = p.getHttpGet();
        String host = g.getHost() == null || g.getHost().isEmpty() ? podIp : g.getHost();
        String scheme = g.getScheme() == null ? "http" : g.getScheme().toLowerCase();
        String path = g.getPath() == null ? "/" : g.getPath();
        URI uri = URI.create(scheme + "://" + host + ":" + Hooks.port(g.getPort(), c) + path);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout);
        req.header("User-Agent", "kube-probe/1.32");
        for (HTTPHeader h : g.getHttpHeaders()) {
          req.header(h.getName(), h.getValue());
        }
        int code = HTTP.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return code >= 200 && code < 400 ? null : "HTTP probe failed with statuscode: " + code;
      }
      if (p.getTcpSocket() != null) {
        String host =
            p.getTcpSocket().getHost() == null || p.getTcpSocket().getHost().isEmpty()
                ? podIp
                : p.getTcpSocket().getHost();
        try (Socket s = new Socket()) {
          s.connect(
              new InetSocketAddress(host, Hooks.port(p.getTcpSocket().getPort(), c)),
              (int) timeout.toMillis());
        }
        return null;
      }
      if (p.getGrpc() != null) {
        return GrpcProbe.check(podIp, p.getGrpc().getPort(), p.getGrpc().getService(), timeout);
      }
      return null; // a probe with no handler passes
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
