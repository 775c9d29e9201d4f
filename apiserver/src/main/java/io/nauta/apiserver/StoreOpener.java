package io.nauta.apiserver;

import io.nauta.store.Store;
import io.nauta.store.StoreMetrics;
import io.nauta.store.embedded.EmbeddedOptions;
import io.nauta.store.embedded.EmbeddedStore;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the store engine the API server keeps its objects in. */
@FunctionalInterface
public interface StoreOpener {

  /** The embedded engine, in {@code dataDir/store}. */
  StoreOpener EMBEDDED =
      (dataDir, metrics) ->
          EmbeddedStore.open(
              dataDir.resolve("store"), EmbeddedOptions.defaults().withMetrics(metrics));

  /**
   * Opens the store; called once, at start.
   *
   * @param dataDir the API server's data directory
   * @param metrics where an engine that reports measurements sends them
   * @throws io.nauta.store.StoreException if the store cannot be opened or reached
   */
  Store open(Path dataDir, StoreMetrics metrics) throws IOException;
}
