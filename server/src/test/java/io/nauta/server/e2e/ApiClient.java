package io.nauta.server.e2e;

import io.nauta.apiserver.pki.Pem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A minimal HTTPS client for a {@link NautaProcess}, authenticated with the admin token. */
final class ApiClient {
  private final HttpClient http;
  private final String base;
  private final String token;

  ApiClient(Path dataDir, int port) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(
        "ca", Pem.readCertificate(Files.readString(dataDir.resolve("tls/ca.crt"))));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    this.http =
        HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    this.base = "https://127.0.0.1:" + port;
    String line = Files.readAllLines(dataDir.resolve("tokens.csv")).get(0);
    this.token = line.substring(0, line.indexOf(','));
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String contentType, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A watch request whose stream's lines (one event each) are kept until it is closed. */
  final class Watch implements AutoCloseable {
    private final java.util.List<String> lines =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final java.util.concurrent.CompletableFuture<
            HttpResponse<java.util.stream.Stream<String>>>
        response;
    private volatile boolean ended;

    private Watch(String path) {
      response =
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Authorization", "Bearer " + token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofLines());
      Thread.ofVirtual()
          .start(
              () -> {
                try (java.util.stream.Stream<String> body = response.join().body()) {
                  body.forEach(lines::add);
                } catch (RuntimeException e) {
                  // closed by the test, or the stream broke: ended tells
                }
                ended = true;
              });
    }

    /** The lines so far. */
    java.util.List<String> lines() {
      synchronized (lines) {
        return java.util.List.copyOf(lines);
      }
    }

    /** Whether the server ended the stream. */
    boolean ended() {
      return ended;
    }

    @Override
    public void close() {
      response.thenAccept(r -> r.body().close());
      response.cancel(true);
    }
  }

  Watch watch(String path) {
    return new Watch(path);
  }
}
