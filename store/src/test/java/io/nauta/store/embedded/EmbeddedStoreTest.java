package io.nauta.store.embedded;

import static io.nauta.store.ContractFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.nauta.store.ConcurrencyContract;
import io.nauta.store.ContractFixture;
import io.nauta.store.RecordingListener;
import io.nauta.store.Store;
import io.nauta.store.StoreContractTest;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded engine against the store contract, plus what is particular to it. */
class EmbeddedStoreTest extends StoreContractTest {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStoreTest.class);

  @TempDir Path directory;
  private final CountingMetrics metrics = new CountingMetrics();

  private EmbeddedOptions options() {
    return EmbeddedOptions.defaults().withCompaction(Duration.ZERO, 0).withMetrics(metrics);
  }

  @Override
  protected Store newStore() {
    return EmbeddedStore.open(directory.resolve("store"), options());
  }

  @Override
  protected Store reopen(Store old) {
    old.close();
    return newStore();
  }

  @Test
  void lockFilePreventsDoubleOpen() {
    StoreException error =
        catchThrowableOfType(
            StoreException.class, () -> EmbeddedStore.open(directory.resolve("store"), options()));

    assertThat(error.code()).isEqualTo(StoreException.Code.IO);
    assertThat(error).hasMessageContaining("in use");
    store().close();
    EmbeddedStore.open(directory.resolve("store"), options()).close();
  }

  @Test
  void groupCommitSharesSyncs() throws Exception {
    int threads = 32;
    int writesPerThread = 300;
    long syncsBefore = metrics.syncs.get();
    long start = System.nanoTime();

    ConcurrencyContract.runConcurrently(
        threads,
        t -> {
          for (int i = 0; i < writesPerThread; i++) {
            String key = "/gc/" + t + "/" + i;
            ContractFixture.await(store().create(key, bytes(key)));
          }
          return null;
        });

    double seconds = (System.nanoTime() - start) / 1e9;
    int writes = threads * writesPerThread;
    long syncs = metrics.syncs.get() - syncsBefore;
    String report =
        String.format(
            "group commit: %d writers, %d writes in %.2f s = %.0f writes/s, %d syncs (%.1f writes per sync)",
            threads, writes, seconds, writes / seconds, syncs, (double) writes / syncs);
    LOG.info(report);
    System.out.println(report);
    assertThat(syncs).isLessThan(writes);
    assertThat(store().currentRevision()).isEqualTo(writes);
  }

  @Test
  void closeCompletesQueuedWritesAndEndsWatches() {
    RecordingListener listener = new RecordingListener();
    Watch watch = store().watch("", 0, listener);
    List<CompletableFuture<?>> queued =
        IntStream.range(0, 200)
            .<CompletableFuture<?>>mapToObj(i -> store().create("/q/" + i, bytes("v")))
            .toList();

    store().close();

    assertThat(queued).allSatisfy(f -> assertThat(f).isDone());
    assertThat(queued).allSatisfy(f -> assertThat(f).isCompleted()); // queued before close
    Throwable late = catchThrowable(() -> store().create("/late", bytes("v")).join());
    assertThat(late).isInstanceOf(CompletionException.class);
    assertThat(((StoreException) late.getCause()).code()).isEqualTo(StoreException.Code.CLOSED);
    assertThat(listener.awaitError().code()).isEqualTo(StoreException.Code.CLOSED);
    watch.close();
  }

  @Test
  void automaticCompactionDiscardsOldHistory() {
    try (EmbeddedStore store =
        EmbeddedStore.open(
            directory.resolve("auto"), options().withCompaction(Duration.ofMillis(50), 10))) {
      for (int i = 0; i < 40; i++) {
        ContractFixture.await(store.create("/auto/" + i, bytes("v")));
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> store.compactRevision() >= 30);
      assertThat(store.get("/auto/0")).isNotNull();
      assertThat(metrics.compactions.get()).isPositive();
    }
  }

  @Test
  void slowWatcherIsCounted() {
    slowWatcherIsEnded();

    assertThat(metrics.slowWatchers.get()).isEqualTo(1);
  }
}
