package io.nauta.server;

import io.nauta.store.Store;
import io.nauta.store.StoreException;
import io.nauta.store.embedded.EmbeddedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which store {@code nauta store} commands work on: the embedded store in a server's data
 * directory, or the etcd cluster {@code --store etcd://...} names ({@link StoreFlags}, as {@code
 * nauta server} takes it). {@link #open} is the one place the store of these flags is opened.
 */
final class StoreCommandFlags {
  @Option(
      names = "--data-dir",
      description =
          "The data directory of the server whose store to use (default: /var/lib/nauta as root,"
              + " ~/.nauta otherwise). Its server must be stopped.")
  Path dataDir;

  @picocli.CommandLine.Mixin StoreFlags engine = new StoreFlags();

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
    return engine.store != null && !engine.store.equals("embedded")
        ? "the store " + engine.store
        : "the store in " + embeddedDirectory();
  }

  /**
   * Opens the store of the flags; the caller closes it.
   *
   * @param create whether a missing store may be created (import) or not (export)
   * @throws Unavailable when there is no such store, or a running server holds it
   */
  Store open(boolean create) throws Unavailable {
    io.nauta.apiserver.StoreOpener opener;
    try {
      opener = engine.opener(flag -> null);
    } catch (IllegalArgumentException e) {
      throw new Unavailable(e.getMessage());
    }
    if (opener != io.nauta.apiserver.StoreOpener.EMBEDDED) {
      try {
        return opener.open(dataDir(), null);
      } catch (java.io.IOException | StoreException e) {
        throw new Unavailable("cannot open " + describe() + ": " + Main.describe(e));
      }
    }
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
