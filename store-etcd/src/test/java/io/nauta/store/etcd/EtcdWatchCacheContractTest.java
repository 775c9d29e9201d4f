package io.nauta.store.etcd;

import io.nauta.store.Store;
import io.nauta.store.cache.WatchCache;
import io.nauta.store.cache.WatchCacheOptions;

/**
 * The whole store contract against the watch cache in front of a real 3-member etcd cluster, as the
 * API server runs it (a cluster of its own, a key prefix per test).
 */
class EtcdWatchCacheContractTest extends EtcdStoreContractTest {

  @Override
  protected Store wrap(EtcdStore engine) {
    return WatchCache.open(
        engine, WatchCacheOptions.defaults().withQueueLimit(slowWatcherThreshold()));
  }
}
