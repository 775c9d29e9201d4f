package io.nauta.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts a {@link Store} periodically through the contract, as the Kubernetes API server does for
 * etcd: at each tick it compacts to the revision it saw at the previous tick, so one interval of
 * history stays readable and watchable. For engines that do not compact themselves (the embedded
 * engine does the same internally). Several compactors on one store are harmless: compacting to an
 * older revision is a no-op.
 */
public final class Compactor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

  /** Kubernetes' default compaction interval. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  private final Store store;
  private final ScheduledExecutorService timer;
  private long previousTickRevision;

  private Compactor(Store store, ScheduledExecutorService timer) {
    this.store = store;
    this.timer = timer;
  }

  /** A compactor that only compacts on {@link #tick()} (for tests and callers with a timer). */
  public static Compactor manual(Store store) {
    Compactor compactor = new Compactor(store, null);
    compactor.previousTickRevision = store.currentRevision();
    return compactor;
  }

  /** Starts ticking every {@code interval} on a daemon thread of its own. */
  public static Compactor start(Store store, Duration interval) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("store-compactor").unstarted(r));
    Compactor compactor = new Compactor(store, timer);
    timer.execute(() -> compactor.previousTickRevision = safeRevision(store));
    long nanos = interval.toNanos();
    timer.scheduleWithFixedDelay(compactor::tickQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
    return compactor;
  }

  /**
   * Compacts to the revision seen at the previous tick (if newer than the compact revision) and
   * remembers the current one. Returns the revision compacted to, or 0 if none.
   */
  public synchronized long tick() {
    long current = store.currentRevision();
    long target = previousTickRevision;
    previousTickRevision = current;
    if (target > 0 && target > store.compactRevision()) {
      store.compact(target);
      return target;
    }
    return 0;
  }

  private void tickQuietly() {
    try {
      long compacted = tick();
      if (compacted > 0) {
        LOG.debug("Compacted the store to revision {}", compacted);
      }
    } catch (StoreException e) {
      // the store is unreachable or closed: the next tick tries again
      LOG.debug("Compaction skipped: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("Compaction failed", e);
    }
  }

  private static long safeRevision(Store store) {
    try {
      return store.currentRevision();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
