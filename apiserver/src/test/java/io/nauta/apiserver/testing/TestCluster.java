package io.nauta.apiserver.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.ApiServer;
import io.nauta.apiserver.ApiServerConfig;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real API server on a loopback port with its own data directory, plus an HTTPS client that
 * trusts its CA. For tests; close it to stop the server and delete the directory.
 */
public final class TestCluster implements AutoCloseable {
  private final Path dir;
  private final ApiServer server;
  private final HttpClient client;
  private final HttpClient certClient;

  public TestCluster() throws Exception {
    this(Files.createTempDirectory("nauta-test"), 200);
  }

  public TestCluster(Path dir, long bookmarkMillis) throws Exception {
    this(dir, bookmarkMillis, ApiServer.DEFAULT_METRICS_RESOLUTION);
  }

  /** A cluster whose resource metrics are scraped every {@code metricsResolution}. */
  public TestCluster(Path dir, long bookmarkMillis, Duration metricsResolution) throws Exception {
    this.dir = dir;
    this.server =
        new ApiServer(
                new ApiServerConfig(
                    dir,
                    "127.0.0.1",
                    0,
                    ApiServerConfig.DEFAULT_MAX_BODY,
                    bookmarkMillis,
                    io.nauta.apiserver.resources.core.DefaultTolerationSeconds.DEFAULTS))
            .withMetricsResolution(metricsResolution)
            .start();
    this.client =
        HttpClient.newBuilder()
            .sslContext(ssl(false))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.certClient = HttpClient.newBuilder().sslContext(ssl(true)).build();
  }

  public ApiServer server() {
    return server;
  }

  public Path dir() {
    return dir;
  }

  private SSLContext ssl(boolean withClientCert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(
        "ca", Pem.readCertificate(Files.readString(dir.resolve("tls/ca.crt"))));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    KeyManagerFactory kmf = null;
    if (withClientCert) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "admin",
          Pem.readPrivateKey(Files.readString(dir.resolve("tls/admin.key"))),
          new char[0],
          new Certificate[] {Pem.readCertificate(Files.readString(dir.resolve("tls/admin.crt")))});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  /** A request builder for a path, authenticated with the admin token. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.url() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + server.adminToken());
  }

  /** A request builder with no credentials. */
  public HttpRequest.Builder anonymous(String path) {
    return HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30));
  }

  public HttpClient client() {
    return client;
  }

  /** A client presenting the admin client certificate. */
  public HttpClient certClient() {
    return certClient;
  }

  public Response send(HttpRequest req) {
    try {
      HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(
          r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body(), r.version());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path) {
    return send(request(path).GET().build());
  }

  public Response post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Response put(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Response patch(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public Response delete(String path) {
    return send(request(path).DELETE().build());
  }

  /** A response with its body parsed on demand. */
  public record Response(int code, String contentType, byte[] body, HttpClient.Version version) {
    public JsonNode json() {
      try {
        return Codec.JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text(), e);
      }
    }

    public ObjectNode object() {
      return (ObjectNode) json();
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Stops the server but keeps its data directory (to start another on it). */
  public void stop() {
    server.close();
  }

  @Override
  public void close() throws IOException {
    server.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
