package io.nauta.node.lifecycle;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.nauta.cri.CriClient;
import io.nauta.cri.CriException;
import io.nauta.cri.ExecResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs one lifecycle handler once. {@code exec} fails when the command exits non-zero or cannot
 * run; {@code httpGet} fails only when no HTTP answer comes (any status code counts as delivered,
 * as with a kubelet); {@code sleep} waits its seconds (cut short by the bound). Thread-safe.
 */
public final class Hooks {
  /** Waits; a test passes one that does not. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final CriClient cri;
  private final Sleeper sleeper;

  public Hooks(CriClient cri, Sleeper sleeper) {
    this.cri = cri;
    this.sleeper = sleeper;
  }

  /** Hooks that really sleep. */
  public static Hooks of(CriClient cri) {
    return new Hooks(cri, d -> Thread.sleep(d));
  }

  /**
   * Runs {@code h} for container {@code c} (running as {@code containerId} in a pod at {@code
   * podIp}), for at most {@code bound} (zero: the runtime's own call timeout). Returns why it
   * failed, or empty on success.
   */
  public Optional<String> run(
      LifecycleHandler h, Container c, String containerId, String podIp, Duration bound) {
    try {
      if (h.getExec() != null) {
        var command = h.getExec().getCommand();
        ExecResult r = cri.execSync(containerId, command, bound);
        if (r.exitCode() == 0) {
          return Optional.empty();
        }
        return Optional.of(
            "command '"
                + String.join(" ", command)
                + "' exited with "
                + r.exitCode()
                + ": "
                + new String(r.stderr(), StandardCharsets.UTF_8).strip());
      }
      if (h.getHttpGet() != null) {
        return httpGet(h.getHttpGet(), c, podIp, bound);
      }
      if (h.getSleep() != null) {
        long seconds = h.getSleep().getSeconds() == null ? 0 : h.getSleep().getSeconds();
        Duration d = Duration.ofSeconds(seconds);
        sleeper.sleep(bound.isZero() || d.compareTo(bound) < 0 ? d : bound);
        return Optional.empty();
      }
      return Optional.of("invalid handler: only exec, httpGet and sleep run as lifecycle hooks");
    } catch (CriException e) {
      return Optional.of(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  private Optional<String> httpGet(HTTPGetAction g, Container c, String podIp, Duration bound)
      throws InterruptedException {
    String host = g.getHost() == null || g.getHost().isEmpty() ? podIp : g.getHost();
    String scheme = g.getScheme() == null ? "http" : g.getScheme().toLowerCase();
    String path = g.getPath() == null ? "/" : g.getPath();
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    int port;
    try {
      port = port(g.getPort(), c);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    URI uri = URI.create(scheme + "://" + hostPart(host) + ":" + port + path);
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri).timeout(bound.isZero() ? Duration.ofMinutes(2) : bound);
    req.header("User-Agent", "kube-lifecycle/1.32");
    for (HTTPHeader header : g.getHttpHeaders()) {
      req.header(header.getName(), header.getValue());
    }
    try {
      HTTP.send(req.build(), HttpResponse.BodyHandlers.discarding());
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("Get \"" + uri + "\": " + e);
    }
  }

  private static String hostPart(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** A port number, or the number of the container's port of that name. */
  public static int port(IntOrString port, Container c) {
    if (port == null) {
      return 80;
    }
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    String name = port.getStrVal();
    for (ContainerPort p : c.getPorts()) {
      if (name.equals(p.getName())) {
        return p.getContainerPort();
      }
    }
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("couldn't find port: " + name + " in " + c.getName());
    }
  }
}
