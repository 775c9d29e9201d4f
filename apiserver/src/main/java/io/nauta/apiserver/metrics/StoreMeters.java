package io.nauta.apiserver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nauta.store.StoreException;
import io.nauta.store.StoreMetrics;
import java.util.concurrent.TimeUnit;

/** Records the embedded engine's callbacks as Micrometer meters. Thread-safe. */
public final class StoreMeters implements StoreMetrics {
  private final MeterRegistry registry;
  private final Timer sync;
  private final DistributionSummary batch;
  private final Counter compactions;
  private final Timer snapshots;

  public StoreMeters(MeterRegistry registry) {
    this.registry = registry;
    this.sync =
        Timer.builder("nauta.store.commit.duration")
            .description("Time to append and fsync one group-commit batch")
            .publishPercentileHistogram()
            .register(registry);
    this.batch =
        DistributionSummary.builder("nauta.store.commit.batch.writes")
            .description("Writes sharing one fsync")
            .register(registry);
    this.compactions = Counter.builder("nauta.store.compactions").register(registry);
    this.snapshots = Timer.builder("nauta.store.snapshot.duration").register(registry);
  }

  @Override
  public void batchCommitted(int writes, long syncNanos) {
    sync.record(syncNanos, TimeUnit.NANOSECONDS);
    batch.record(writes);
  }

  @Override
  public void compacted(long revision) {
    compactions.increment();
  }

  @Override
  public void snapshotWritten(long compactRevision, long keys, long nanos) {
    snapshots.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void watchEnded(StoreException.Code code) {
    registry.counter("nauta.store.watch.ended", "code", code.name()).increment();
  }
}
