package io.nauta.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Create latency at a fixed offered rate (open loop, unlike wrk's closed loop): ConfigMap creates
 * are sent at {@code rate}/s over HTTP/2 whether or not earlier ones have answered, for {@code
 * seconds} after a 3 s unmeasured warm-up at the same rate, and each one's latency is measured from
 * its scheduled send time (so a stalled server's queueing counts). Prints the achieved rate, p50,
 * p99 and errors.
 *
 * <p>Usage: {@code CreateRate URL TOKEN CA_FILE [rate=1000] [seconds=10] [namespace=default]}.
 */
public final class CreateRate {

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String token = args[1];
    Path ca = Path.of(args[2]);
    int rate = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    String namespace = args.length > 5 ? args[5] : "default";
    SSLContext ssl = ApiTls.trusting(ca);
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clients.add(
          HttpClient.newBuilder()
              .sslContext(ssl)
              .version(HttpClient.Version.HTTP_2)
              .connectTimeout(Duration.ofSeconds(5))
              .build());
    }
    URI target = URI.create(url + "/api/v1/namespaces/" + namespace + "/configmaps");
    HttpRequest.Builder base =
        HttpRequest.newBuilder(target)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30));
    run(clients, base, rate, 3, null); // warm-up
    List<Double> latencies = new ArrayList<>();
    AtomicInteger errors = new AtomicInteger();
    long start = System.nanoTime();
    int sent = run(clients, base, rate, seconds, new Sink(latencies, errors));
    double elapsed = (System.nanoTime() - start) / 1e9;
    Percentiles p = Percentiles.of(latencies);
    System.out.printf(
        "creates at %d/s offered for %d s: %d sent, %.0f/s answered, p50 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms, %d errors%n",
        rate, seconds, sent, p.count() / elapsed, p.at(50), p.at(99), p.max(), errors.get());
    System.exit(0);
  }

  private record Sink(List<Double> latencies, AtomicInteger errors) {}

  /** Sends creates on schedule; waits for every answer; returns how many were sent. */
  private static int run(
      List<HttpClient> clients, HttpRequest.Builder base, int rate, int seconds, Sink sink)
      throws InterruptedException {
    long interval = 1_000_000_000L / rate;
    long first = System.nanoTime();
    int total = rate * seconds;
    List<CompletableFuture<?>> pending = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      long scheduled = first + i * interval;
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      String body =
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"rate-\"},"
              + "\"data\":{\"k\":\""
              + "v".repeat(200)
              + "\"}}";
      pending.add(
          clients
              .get(i % clients.size())
              .sendAsync(
                  base.copy().POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .handle(
                  (response, failure) -> {
                    if (sink != null) {
                      double ms = (System.nanoTime() - scheduled) / 1e6;
                      synchronized (sink) {
                        if (failure == null && response.statusCode() == 201) {
                          sink.latencies().add(ms);
                        } else {
                          sink.errors().incrementAndGet();
                        }
                      }
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    return total;
  }
}
