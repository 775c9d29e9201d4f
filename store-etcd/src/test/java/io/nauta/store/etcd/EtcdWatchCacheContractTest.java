package io.nauta.store.etcd;

import io.nauta.store.Store;
import io.nauta.store.StoreContractTest;
import io.nauta.store.cache.WatchCache;
import io.nauta.store.cache.WatchCacheOptions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole store contract against the watch cache in front of a real 3-member etcd cluster, as the
 * API server runs it: one cluster for the class, a key prefix of its own for each test.
 */
class EtcdWatchCacheContractTest extends StoreContractTest {

  private static final AtomicInteger TESTS = new AtomicInteger();
  private static EtcdCluster cluster;
  private String keyPrefix;

  @BeforeAll
  static void startCluster() {
    cluster = EtcdCluster.start(3);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Override
  protected Store newStore() {
    keyPrefix = "/cached/" + TESTS.incrementAndGet();
    return open();
  }

  @Override
  protected Store reopen(Store old) {
    old.close();
    return open();
  }

  @Override
  public int slowWatcherThreshold() {
    return 1_000;
  }

  @Override
  public boolean keepsPreviousVersionsAtCompactRevision() {
    return false;
  }

  private Store open() {
    return WatchCache.open(
        EtcdStore.open(cluster.options(keyPrefix)),
        WatchCacheOptions.defaults().withQueueLimit(slowWatcherThreshold()));
  }
}
