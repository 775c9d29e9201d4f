package io.nauta.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/**
 * Watch delivery latency: from sending a create to the watcher receiving its ADDED event, for a
 * steady stream of creates while {@code watchers} watches are open, after a 3 s unmeasured warm-up.
 * Prints p50/p99 in milliseconds.
 *
 * <p>Usage: {@code WatchLatency URL TOKEN CA_FILE [seconds=10] [watchers=10] [writes/s=200]}.
 */
public final class WatchLatency {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String token = args[1];
    Path ca = Path.of(args[2]);
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int watchers = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    int rate = args.length > 5 ? Integer.parseInt(args[5]) : 200;
    SSLContext ssl = ApiTls.trusting(ca);
    HttpClient http = HttpClient.newBuilder().sslContext(ssl).build();
    // watchers come from several clients (connections), as many processes' informers would; the
    // JDK client opens at most 100 streams on one HTTP/2 connection (jdk.httpclient.maxstreams)
    List<HttpClient> watchClients = new ArrayList<>();
    for (int c = 0; c < (watchers + 49) / 50; c++) {
      watchClients.add(HttpClient.newBuilder().sslContext(ssl).build());
    }
    HttpRequest.Builder base =
        HttpRequest.newBuilder()
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofMinutes(5));
    String ns = url + "/api/v1/namespaces/default/configmaps";
    HttpResponse<String> list =
        http.send(
            base.copy().uri(URI.create(ns + "?limit=1")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    String rv = JSON.readTree(list.body()).path("metadata").path("resourceVersion").asText();

    ConcurrentHashMap<String, Long> sent = new ConcurrentHashMap<>();
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    // per event: how many watchers have it, and the latency at which the last one got it
    ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> deliveries =
        new ConcurrentHashMap<>();
    List<Double> everyone = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch open = new CountDownLatch(watchers);
    java.util.concurrent.ExecutorService readers =
        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    List<java.util.concurrent.CompletableFuture<?>> streams = new ArrayList<>();
    for (int w = 0; w < watchers; w++) {
      streams.add(
          watchClients
              .get(w % watchClients.size())
              .sendAsync(
                  base.copy()
                      .uri(
                          URI.create(
                              ns + "?watch=true&labelSelector=bench%3Dwatch&resourceVersion=" + rv))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofLines())
              // each stream is read by a thread of its own (never the caller's, which a future
              // already complete would lend to a plain thenAccept)
              .thenAcceptAsync(
                  r -> {
                    open.countDown();
                    r.body()
                        .forEach(
                            line -> {
                              long now = System.nanoTime();
                              try {
                                JsonNode e = JSON.readTree(line);
                                Long t =
                                    sent.get(
                                        e.path("object").path("metadata").path("name").asText());
                                if (t != null && "ADDED".equals(e.path("type").asText())) {
                                  double ms = (now - t) / 1e6;
                                  latencies.add(ms);
                                  String name =
                                      e.path("object").path("metadata").path("name").asText();
                                  if (deliveries
                                          .computeIfAbsent(
                                              name,
                                              n -> new java.util.concurrent.atomic.AtomicInteger())
                                          .incrementAndGet()
                                      == watchers) {
                                    everyone.add(ms);
                                  }
                                }
                              } catch (IOException ex) {
                                // not an event
                              }
                            });
                  },
                  readers));
    }
    if (!open.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
      System.out.printf(
          "watch delivery: only %d of %d watches opened in 60 s%n",
          watchers - open.getCount(), watchers);
      System.exit(1);
    }
    // Warm-up: the same traffic, unmeasured, so both JVMs have compiled the hot paths.
    createAt(http, base, ns, rate, 3, "warm-", null);
    createAt(http, base, ns, rate, seconds, "watch-", sent);
    Thread.sleep(3000);
    streams.forEach(s -> s.cancel(true));
    Percentiles a = Percentiles.of(latencies);
    Percentiles all = Percentiles.of(everyone);
    System.out.printf(
        "watch delivery: %d events to %d watchers at %d creates/s: p50 %.2f ms, p99 %.2f ms;"
            + " every watcher had an event: p50 %.2f ms, p99 %.2f ms (%d of %d events reached"
            + " all)%n",
        a.count(),
        watchers,
        rate,
        a.at(50),
        a.at(99),
        all.at(50),
        all.at(99),
        all.count(),
        sent.size());
    System.exit(0);
  }

  /** Creates configmaps at {@code rate}/s for {@code seconds}, recording send times in sent. */
  private static void createAt(
      HttpClient http,
      HttpRequest.Builder base,
      String ns,
      int rate,
      int seconds,
      String prefix,
      ConcurrentHashMap<String, Long> sent)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long interval = 1_000_000_000L / rate;
    long next = System.nanoTime();
    for (int i = 0; System.nanoTime() < end; i++) {
      String name = prefix + Long.toHexString(System.nanoTime()) + "-" + i;
      String body =
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
              + name
              + "\",\"labels\":{\"bench\":\"watch\"}}}";
      if (sent != null) {
        sent.put(name, System.nanoTime());
      }
      http.sendAsync(
          base.copy()
              .uri(URI.create(ns))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.discarding());
      next += interval;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
      }
    }
  }
}
