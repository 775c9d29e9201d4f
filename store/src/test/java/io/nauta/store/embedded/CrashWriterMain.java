package io.nauta.store.embedded;

import io.nauta.store.StoreMetrics;
import io.nauta.store.WriteResult;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The victim of {@link EmbeddedStoreCrashIT}: opens a store and creates keys from several threads
 * until it is killed, printing {@code ACK <key> <revision> END} for each write only after its
 * future completed, so every printed line is a promise the store must keep.
 *
 * <p>Arguments: data directory, mode ({@code plain}, or {@code compacting} for tiny segments and
 * constant compaction, so kills land in snapshots), thread count, round (makes keys unique).
 */
public final class CrashWriterMain {

  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

  private CrashWriterMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path directory = Path.of(args[0]);
    boolean compacting = args[1].equals("compacting");
    int threads = Integer.parseInt(args[2]);
    String round = args[3];
    EmbeddedStore store = EmbeddedStore.open(directory, options(compacting));
    print("READY");
    for (int t = 0; t < threads; t++) {
      String prefix = "/crash/" + round + "/" + t + "/";
      Thread.ofPlatform().name("writer-" + t).start(() -> write(store, prefix));
    }
    Thread.currentThread().join(); // until killed
  }

  private static void write(EmbeddedStore store, String prefix) {
    for (long n = 0; ; n++) {
      String key = prefix + n;
      WriteResult result = store.create(key, valueFor(key)).join();
      print("ACK " + key + " " + result.revision() + " END");
    }
  }

  static EmbeddedOptions options(boolean compacting) {
    EmbeddedOptions options = EmbeddedOptions.defaults().withCompaction(Duration.ZERO, 0);
    if (!compacting) {
      return options;
    }
    StoreMetrics reporter =
        new StoreMetrics() {
          @Override
          public void snapshotWritten(long compactRevision, long keys, long nanos) {
            print("SNAPSHOT " + compactRevision + " END");
          }
        };
    return options
        .withSegmentBytes(64 << 10)
        .withCompaction(Duration.ofMillis(20), 300)
        .withMetrics(reporter);
  }

  /** The value written under {@code key}: 16 bytes to 2 KiB derived from the key alone. */
  static byte[] valueFor(String key) {
    byte[] seed = key.getBytes(StandardCharsets.UTF_8);
    byte[] value = new byte[16 + (key.hashCode() & 0x7FF)];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) (seed[i % seed.length] + i / seed.length);
    }
    return value;
  }

  private static void print(String line) {
    synchronized (OUT) {
      OUT.println(line);
      OUT.flush();
    }
  }
}
