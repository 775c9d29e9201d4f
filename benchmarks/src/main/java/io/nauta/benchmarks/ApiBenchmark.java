package io.nauta.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nauta.apiserver.ApiServer;
import io.nauta.apiserver.ApiServerConfig;
import io.nauta.apiserver.pki.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Measures the API over HTTPS with N concurrent clients (each its own HTTP/2 connection): creates,
 * gets, lists and watch delivery latency. Prints ops/s and latency percentiles.
 *
 * <p>Usage: {@code ApiBenchmark [clients=32] [seconds=10] [url token cafile]}. Without a URL it starts
 * an API server in this JVM on a temporary data directory (the clients then share its 2 cores).
 */
public final class ApiBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path dir = Files.createTempDirectory("nauta-bench");
    ApiServer server = null;
    String url;
    String token;
    Path ca;
    if (args.length > 4) {
      url = args[2];
      token = args[3];
      ca = Path.of(args[4]);
    } else {
      server = new ApiServer(ApiServerConfig.of(dir, "127.0.0.1", 0)).start();
      url = server.url();
      token = server.adminToken();
      ca = dir.resolve("tls/ca.crt");
    }
    try {
      new ApiBenchmark(url, token, ca, clients).run(seconds);
    } finally {
      if (server != null) {
        server.close();
      }
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private final String url;
  private final String token;
  private final List<HttpClient> http = new ArrayList<>();
  private final int clients;

  private ApiBenchmark(String url, String token, Path caFile, int clients) throws Exception {
    this.url = url;
    this.token = token;
    this.clients = clients;
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.readCertificate(Files.readString(caFile)));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    for (int i = 0; i < clients; i++) {
      http.add(HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_2).build());
    }
  }

  private HttpRequest.Builder req(String path) {
    return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
  }

  private void run(int seconds) throws Exception {
    send(0, req("/api/v1/namespaces").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bench\"}}")).build());
    System.out.printf("Nauta API benchmark: %d clients, %d s per phase, %s, %d cores%n", clients, seconds, url, Runtime.getRuntime().availableProcessors());
    // warm-up: JIT and connections
    phase("warmup", Math.max(2, seconds / 3), (c, i) -> create(c, "w" + c + "-" + i), false);
    Result creates = phase("create", seconds, (c, i) -> create(c, "c" + c + "-" + i), true);
    Result gets = phase("get", seconds, (c, i) -> check(send(c, req("/api/v1/namespaces/bench/configmaps/c" + c + "-" + (i % 50)).GET().build()), 200), true);
    Result lists = phase("list (limit=100)", seconds, (c, i) -> check(send(c, req("/api/v1/namespaces/bench/configmaps?limit=100").GET().build()), 200), true);
    double watchP99 = watchLatency(Math.min(seconds, 10));
    System.out.println();
    System.out.printf("| operation | ops/s | p50 ms | p99 ms |%n|---|---:|---:|---:|%n");
    for (Result r : List.of(creates, gets, lists)) {
      System.out.printf("| %s | %.0f | %.2f | %.2f |%n", r.name, r.opsPerSecond, r.p50, r.p99);
    }
    System.out.printf("| watch delivery | - | %.2f | %.2f |%n", watchP50, watchP99);
  }

  private double watchP50;

  /** A write's completion to its event's arrival at a watcher, at a steady moderate write rate. */
  private double watchLatency(int seconds) throws Exception {
    long rv = JSON.readTree(send(0, req("/api/v1/namespaces/bench/configmaps?limit=1").GET().build()).body()).path("metadata").path("resourceVersion").asLong();
    ConcurrentHashMap<String, Long> written = new ConcurrentHashMap<>();
    List<Double> lat = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch opened = new CountDownLatch(1);
    var watch =
        http.get(clients - 1)
            .sendAsync(req("/api/v1/namespaces/bench/configmaps?watch=true&resourceVersion=" + rv).timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofLines());
    watch.thenAccept(
        r -> {
          opened.countDown();
          r.body()
              .forEach(
                  line -> {
                    long now = System.nanoTime();
                    try {
                      JsonNode e = JSON.readTree(line);
                      String name = e.path("object").path("metadata").path("name").asText();
                      Long t = written.get(name);
                      if (t != null) {
                        lat.add((now - t) / 1e6);
                      }
                    } catch (IOException ex) {
                      // ignore
                    }
                  });
        });
    opened.await();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int i = 0;
    while (System.nanoTime() < end) {
      String name = "watch-" + i++;
      written.put(name, System.nanoTime());
      create(0, name);
      Thread.sleep(5);
    }
    Thread.sleep(500);
    double[] a = lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf("watch delivery: %d events%n", a.length);
    watchP50 = pct(a, 50);
    watch.cancel(true);
    return pct(a, 99);
  }

  private void create(int c, String name) throws Exception {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"bench\"}},\"data\":{\"key\":\"" + "v".repeat(200) + "\"}}";
    check(send(c, req("/api/v1/namespaces/bench/configmaps").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build()), 201);
  }

  private static void check(HttpResponse<byte[]> r, int want) {
    if (r.statusCode() != want) {
      throw new IllegalStateException("HTTP " + r.statusCode() + ": " + new String(r.body()));
    }
  }

  private HttpResponse<byte[]> send(int c, HttpRequest r) throws Exception {
    return http.get(c).send(r, HttpResponse.BodyHandlers.ofByteArray());
  }

  interface Op {
    void run(int client, int i) throws Exception;
  }

  record Result(String name, double opsPerSecond, double p50, double p99) {}

  private Result phase(String name, int seconds, Op op, boolean print) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<long[]> perClient = new ArrayList<>();
    AtomicLong count = new AtomicLong();
    AtomicInteger errors = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      long[] samples = new long[300_000];
      perClient.add(samples);
      int client = c;
      Thread t =
          Thread.ofPlatform().start(
              () -> {
                int i = 0;
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  try {
                    op.run(client, i);
                  } catch (Exception e) {
                    if (errors.incrementAndGet() < 5) {
                      System.err.println(name + ": " + e.getMessage());
                    }
                  }
                  if (i < samples.length) {
                    samples[i] = System.nanoTime() - t0;
                  }
                  i++;
                  count.incrementAndGet();
                }
                samples[samples.length - 1] = i;
              });
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    List<Double> all = new ArrayList<>();
    for (long[] s : perClient) {
      int n = (int) Math.min(s[s.length - 1], s.length - 1);
      for (int k = 0; k < n; k++) {
        all.add(s[k] / 1e6);
      }
    }
    double[] a = all.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    Result r = new Result(name, count.get() / elapsed, pct(a, 50), pct(a, 99));
    if (print) {
      System.out.printf("%-18s %8.0f ops/s  p50 %6.2f ms  p99 %6.2f ms  (%d ops, %d errors)%n", name, r.opsPerSecond, r.p50, r.p99, count.get(), errors.get());
    }
    return r;
  }

  private static double pct(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
