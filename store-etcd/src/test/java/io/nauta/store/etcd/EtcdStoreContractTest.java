package io.nauta.store.etcd;

import io.nauta.store.Store;
import io.nauta.store.StoreContractTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole store contract against a real 3-member etcd cluster: one cluster for the class, a key
 * prefix of its own for each test (revisions and compaction are cluster-wide, which the contract
 * allows: it only reasons about revisions relative to the ones a test saw).
 */
class EtcdStoreContractTest extends StoreContractTest {

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
    keyPrefix = "/contract/" + TESTS.incrementAndGet();
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
    return wrap(
        EtcdStore.open(cluster.options(keyPrefix).withWatchQueueLimit(slowWatcherThreshold())));
  }

  /** The store under test made of the etcd engine (itself here; a subclass may wrap it). */
  protected Store wrap(EtcdStore engine) {
    return engine;
  }
}
