package io.nauta.benchmarks;

import io.nauta.store.Store;
import io.nauta.store.WriteResult;
import io.nauta.store.embedded.EmbeddedStore;
import io.nauta.store.etcd.EtcdOptions;
import io.nauta.store.etcd.EtcdStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates through the Store API with N closed-loop writers for S seconds, after a 2 s unmeasured
 * warm-up, and prints creates/s and latency percentiles; first on the embedded engine (a fresh
 * temporary directory), then on the etcd cluster given (if any), in the same run.
 *
 * <p>{@code StoreThroughput WRITERS SECONDS [etcd://HOST:PORT,...]}
 */
public final class StoreThroughput {

  private static final byte[] VALUE = new byte[500];

  private StoreThroughput() {}

  public static void main(String[] args) throws Exception {
    int writers = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("nauta-bench-store-");
    try (Store embedded = EmbeddedStore.open(dir)) {
      report("embedded", run(embedded, writers, seconds));
    }
    if (args.length > 2) {
      try (Store etcd = EtcdStore.open(EtcdOptions.parse(args[2]).withKeyPrefix("/bench"))) {
        report("etcd (" + args[2] + ")", run(etcd, writers, seconds));
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Latencies (ns) of the creates finished in the measured window, and the window's length. */
  private record Result(long[] latencies, long nanos) {}

  private static Result run(Store store, int writers, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(2);
    long until = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    List<List<Long>> perWriter = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    String run = Long.toString(start);
    for (int w = 0; w < writers; w++) {
      List<Long> latencies = new ArrayList<>();
      perWriter.add(latencies);
      int writer = w;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; ; i++) {
                      long began = System.nanoTime();
                      if (began >= until) {
                        return;
                      }
                      WriteResult result =
                          store.create("/" + run + "/" + writer + "/" + i, VALUE).join();
                      long ended = System.nanoTime();
                      if (!result.ok()) {
                        throw new IllegalStateException("create failed: " + result);
                      }
                      if (began >= measureFrom && ended <= until) {
                        latencies.add(ended - began);
                      }
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long[] all = perWriter.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
    Arrays.sort(all);
    return new Result(all, until - measureFrom);
  }

  private static void report(String engine, Result result) {
    long[] l = result.latencies();
    double perSecond = l.length / (result.nanos() / 1e9);
    System.out.printf(
        "%-40s creates/s %8.0f  p50 %7.2f ms  p99 %7.2f ms  (%d creates)%n",
        engine, perSecond, ms(l, 0.50), ms(l, 0.99), l.length);
  }

  private static double ms(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
  }
}
