package io.nauta.cri.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A Distribution registry ({@code docker-registry}, Debian's package) serving plain HTTP on
 * 127.0.0.1 with filesystem storage under a directory of ours; never the packaged configuration,
 * which listens on every interface. {@link #start} returns once {@code /v2/} answers; {@link
 * #close()} kills the process it started.
 */
public final class LocalRegistry implements AutoCloseable {
  private final Process process;
  private final int port;

  private LocalRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a registry storing under {@code dir} on a free loopback port. */
  public static LocalRegistry start(Path dir) {
    return start(dir, dir.resolve("data"), "");
  }

  /**
   * Starts a registry serving the images stored in {@code storage} (e.g. another registry's {@code
   * data} directory) only to clients with a bearer token from {@code tokenRealm}: Distribution's
   * "silly" auth, which asks for a token there and then accepts any, so whoever serves the realm
   * decides which credentials pass.
   */
  public static LocalRegistry startBehindTokenRealm(Path dir, Path storage, URI tokenRealm) {
    return start(
        dir,
        storage,
        """
        auth:
          silly:
            realm: %s
            service: nauta-test
        """
            .formatted(tokenRealm));
  }

  private static LocalRegistry start(Path dir, Path storage, String auth) {
    int port = freePort();
    try {
      Files.createDirectories(dir);
      Files.createDirectories(storage);
      Path config = dir.resolve("registry.yml");
      Files.writeString(
          config,
          """
          version: 0.1
          log:
            level: warn
          storage:
            filesystem:
              rootdirectory: %s
            delete:
              enabled: true
          http:
            addr: 127.0.0.1:%d
            secret: nauta-test-only
          """
                  .formatted(storage, port)
              + auth);
      Process process =
          new ProcessBuilder("docker-registry", "serve", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("registry.log").toFile())
              .start();
      var registry = new LocalRegistry(process, port);
      registry.awaitReady(Duration.ofSeconds(20));
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:PORT}, the registry host in image references. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    var request =
        HttpRequest.newBuilder(URI.create("http://" + hostPort() + "/v2/"))
            .timeout(Duration.ofSeconds(1))
            .build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        int code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (code == 200 || code == 401) return; // 401: it answers, asking for a token
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    throw new IllegalStateException("registry on " + hostPort() + " did not start");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
