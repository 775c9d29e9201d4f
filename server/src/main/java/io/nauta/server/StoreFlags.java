package io.nauta.server;

import io.nauta.apiserver.StoreOpener;
import io.nauta.store.etcd.EtcdOptions;
import io.nauta.store.etcd.EtcdStore;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where the API server keeps its objects ({@code nauta server}): the embedded engine or etcd. */
final class StoreFlags {

  @Option(
      names = "--store",
      description =
          "The store: etcd://HOST:PORT[,HOST:PORT...] for an etcd v3 cluster (several servers may"
              + " share one), or `embedded` (default) for the engine in the data directory.")
  String store;

  @Option(names = "--etcd-cafile", description = "CA bundle verifying etcd's serving certificates.")
  Path caFile;

  @Option(names = "--etcd-certfile", description = "Client certificate (PEM) presented to etcd.")
  Path certFile;

  @Option(names = "--etcd-keyfile", description = "Key (PKCS#8 PEM) of --etcd-certfile.")
  Path keyFile;

  /**
   * The opener the flags (or the config file, through {@code valueOr}) ask for.
   *
   * @throws IllegalArgumentException if --store is neither embedded nor an etcd:// URI
   */
  StoreOpener opener(Function<String, String> valueOr) {
    String chosen = store != null ? store : valueOr.apply("--store");
    if (chosen == null || chosen.isBlank() || chosen.equals("embedded")) {
      return StoreOpener.EMBEDDED;
    }
    if (!EtcdOptions.isEtcd(chosen)) {
      throw new IllegalArgumentException(
          "--store must be `embedded` or etcd://HOST:PORT[,HOST:PORT...], not " + chosen);
    }
    EtcdOptions options = EtcdOptions.parse(chosen);
    Path ca = pathOr(caFile, valueOr.apply("--etcd-cafile"));
    Path cert = pathOr(certFile, valueOr.apply("--etcd-certfile"));
    Path key = pathOr(keyFile, valueOr.apply("--etcd-keyfile"));
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("--etcd-certfile and --etcd-keyfile go together");
    }
    if (ca != null || cert != null) {
      options = options.withTls(new EtcdOptions.Tls(ca, cert, key));
    }
    EtcdOptions chosenOptions = options;
    return (dataDir, metrics) -> EtcdStore.open(chosenOptions);
  }

  private static Path pathOr(Path flag, String fromFile) {
    return flag != null ? flag : fromFile == null ? null : Path.of(fromFile);
  }
}
