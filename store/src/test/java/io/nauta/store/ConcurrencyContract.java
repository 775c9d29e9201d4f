package io.nauta.store;

import static io.nauta.store.ContractFixture.bytes;
import static io.nauta.store.ContractFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Many writers at once: revisions stay unique and gap-free, guards stay exact. */
public interface ConcurrencyContract extends ContractFixture {

  @Test
  default void concurrentWritersGetUniqueConsecutiveRevisions() throws Exception {
    int threads = 16;
    int writesPerThread = 500;
    long start = store().currentRevision();

    List<List<Long>> perThread =
        runConcurrently(
            threads,
            t -> {
              List<Long> revisions = new ArrayList<>(writesPerThread);
              for (int i = 0; i < writesPerThread; i++) {
                String key = "/c/" + t + "/" + i;
                revisions.add(ContractFixture.await(store().create(key, bytes(key))).revision());
              }
              return revisions;
            });

    List<Long> all = new ArrayList<>();
    for (List<Long> revisions : perThread) {
      assertThat(revisions).as("one writer's revisions follow its order").isSorted();
      all.addAll(revisions);
    }
    long end = start + (long) threads * writesPerThread;
    assertThat(all)
        .as("revisions %d..%d, each exactly once", start + 1, end)
        .containsExactlyInAnyOrderElementsOf(
            LongStream.rangeClosed(start + 1, end).boxed().toList());
    assertThat(store().currentRevision()).isEqualTo(end);
  }

  @Test
  default void compareAndSwapLosesNoUpdates() throws Exception {
    create("/counter", "0");
    int threads = 8;
    int increments = 50;

    runConcurrently(
        threads,
        t -> {
          for (int done = 0; done < increments; ) {
            KeyValue current = store().get("/counter");
            String next = Integer.toString(Integer.parseInt(text(current)) + 1);
            if (update("/counter", next, current.modRevision()).ok()) {
              done++;
            }
          }
          return null;
        });

    KeyValue counter = store().get("/counter");
    assertThat(text(counter)).isEqualTo(Integer.toString(threads * increments));
    assertThat(counter.version()).isEqualTo(threads * increments + 1L);
  }

  /** Runs {@code task(i)} for i in 0..threads-1 on as many threads; returns results in order. */
  static <T> List<T> runConcurrently(int threads, ThreadTask<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int index = t;
        futures.add(pool.submit((Callable<T>) () -> task.run(index)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The body of one of {@link #runConcurrently}'s threads. */
  @FunctionalInterface
  interface ThreadTask<T> {
    T run(int thread) throws Exception;
  }
}
