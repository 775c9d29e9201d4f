package io.nauta.server;

import io.nauta.store.Store;
import io.nauta.store.StoreException;
import io.nauta.store.embedded.EmbeddedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which store {@code nauta store} commands work on: the embedded store in a server's data
 * directory. {@link #open} is the one place the store of these flags is opened, so another engine
 * (e.g. {@code --store etcd://...}) is added there and nowhere else.
 */
final class StoreFlags {
  @Option(
      names = "--data-dir",
      description =
          "The data directory of the server whose store to use (default: /var/lib/nauta as root,"
              + " ~/.nauta otherwise). Its server must be stopped.")
  Path dataDir;

  /** Why the store of the flags cannot be opened, in words for the user. */
  static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  Path dataDir() {
    return dataDir != null ? dataDir : ServerCommand.defaultDataDir();
  }

  /** Where the embedded store of {@link #dataDir()} lives (as the API server opens it). */
  Path embeddedDirectory() {
    return dataDir().resolve("store");
  }

  /** What {@link #open} opens, for messages. */
  String describe() {
    return "the store in " + embeddedDirectory();
  }

  /**
   * Opens the store of the flags; the caller closes it.
   *
   * @param create whether a missing store may be created (import) or not (export)
   * @throws Unavailable when there is no such store, or a running server holds it
   */
  Store open(boolean create) throws Unavailable {
    // other engines (the etcd engine's --store etcd://...) are chosen here from their flags
    Path dir = embeddedDirectory();
    if (!create && !Files.isDirectory(dir)) {
      throw new Unavailable(
          "there is no store in "
              + dir
              + " (is "
              + dataDir()
              + " the --data-dir of a server that has run?)");
    }
    try {
      return EmbeddedStore.open(dir);
    } catch (StoreException e) {
      if (e.getMessage() != null && e.getMessage().contains("in use")) {
        throw new Unavailable(
            "the store in "
                + dir
                + " is in use: a server is running on --data-dir "
                + dataDir()
                + "; stop it first");
      }
      throw new Unavailable("cannot open the store in " + dir + ": " + Main.describe(e));
    }
  }
}
