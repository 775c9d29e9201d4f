package io.nauta.store.cache;

import io.nauta.store.Store;
import io.nauta.store.StoreContractTest;
import io.nauta.store.embedded.EmbeddedOptions;
import io.nauta.store.embedded.EmbeddedStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The whole store contract against the watch cache in front of the embedded engine. */
class WatchCacheContractTest extends StoreContractTest {

  @TempDir Path dir;
  private int opened;
  private Path data;

  @Override
  protected Store newStore() {
    try {
      data = Files.createDirectories(dir.resolve("store-" + opened++));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private Store open() {
    return WatchCache.open(
        EmbeddedStore.open(data, EmbeddedOptions.defaults()),
        WatchCacheOptions.defaults().withQueueLimit(slowWatcherThreshold()));
  }
}
