package io.nauta.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.nauta.store.ContractFixture;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real writer process with SIGKILL at random moments, over and over on one data directory,
 * and checks after each kill that every acknowledged write is there, with its value and revision,
 * and that the revisions are gap-free: nothing acknowledged lost, nothing torn kept.
 */
class EmbeddedStoreCrashIT {

  private static final int WRITER_THREADS = 8;

  @TempDir Path directory;

  @Test
  void acknowledgedWritesSurviveKill9() throws Exception {
    crashRepeatedly("plain", 20);
  }

  @Test
  void acknowledgedWritesSurviveKill9DuringCompactionAndSnapshots() throws Exception {
    crashRepeatedly("compacting", 20);
  }

  private void crashRepeatedly(String mode, int rounds) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger snapshots = new AtomicInteger();
    int killedMidSnapshot = 0;
    Path data = directory.resolve("data");
    for (int round = 0; round < rounds; round++) {
      int delay = 50 + random.nextInt(451);
      String context =
          "mode %s, seed %d, round %d, kill after %d ms".formatted(mode, seed, round, delay);
      Path stderr = directory.resolve("writer-" + round + ".err");
      Process writer = startWriter(data, mode, round, stderr);
      AtomicBoolean ready = new AtomicBoolean();
      Thread reader =
          Thread.ofPlatform().start(() -> readOutput(writer, ready, acknowledged, snapshots));
      await()
          .atMost(Duration.ofSeconds(30))
          .failFast("writer exited: " + context, () -> !writer.isAlive())
          .untilTrue(ready);

      boolean exited = writer.waitFor(delay, TimeUnit.MILLISECONDS);
      assertThat(exited)
          .as("writer died on its own (%s): %s", context, Files.readString(stderr))
          .isFalse();
      // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe
      // and lose acknowledgements printed just before the kill.
      assertThat(writer.toHandle().destroyForcibly()).isTrue();
      writer.waitFor();
      reader.join();
      killedMidSnapshot += temporaryFiles(data);

      verify(data, acknowledged, round, context);
    }
    System.out.printf(
        "crash test (%s, seed %d): %d rounds, %d acknowledged writes verified, %d snapshots,"
            + " %d kills during a snapshot write%n",
        mode, seed, rounds, acknowledged.size(), snapshots.get(), killedMidSnapshot);
    assertThat(acknowledged).isNotEmpty();
  }

  private static int temporaryFiles(Path data) throws IOException {
    try (Stream<Path> files = Files.list(data)) {
      return (int) files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
    }
  }

  private Process startWriter(Path data, String mode, int round, Path stderr) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    return new ProcessBuilder(
            java,
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            CrashWriterMain.class.getName(),
            data.toString(),
            mode,
            Integer.toString(WRITER_THREADS),
            Integer.toString(round))
        .redirectError(stderr.toFile())
        .start();
  }

  /** Collects the writer's promises; a line cut short by the kill has no END and is ignored. */
  private static void readOutput(
      Process writer,
      AtomicBoolean ready,
      Map<String, Long> acknowledged,
      AtomicInteger snapshots) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] fields = line.split(" ");
        if (line.equals("READY")) {
          ready.set(true);
        } else if (fields.length == 4 && fields[0].equals("ACK") && fields[3].equals("END")) {
          acknowledged.put(fields[1], Long.parseLong(fields[2]));
        } else if (fields.length == 3 && fields[0].equals("SNAPSHOT") && fields[2].equals("END")) {
          snapshots.incrementAndGet();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void verify(Path data, Map<String, Long> acknowledged, int round, String context) {
    try (EmbeddedStore store = EmbeddedStore.open(data, CrashWriterMain.options(false))) {
      for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
        KeyValue kv = store.get(ack.getKey());
        assertThat(kv).as("acknowledged %s (%s)", ack.getKey(), context).isNotNull();
        assertThat(kv.modRevision())
            .as("revision of %s (%s)", ack.getKey(), context)
            .isEqualTo(ack.getValue());
      }
      // Only creates ever happen, so the live keys' revisions must be exactly 1..current.
      List<KeyValue> all = store.range(RangeRequest.prefix("")).items();
      List<Long> revisions = new ArrayList<>(all.size());
      for (KeyValue kv : all) {
        assertThat(kv.value())
            .as("value of %s (%s)", kv.key(), context)
            .isEqualTo(CrashWriterMain.valueFor(kv.key()));
        revisions.add(kv.modRevision());
      }
      revisions.sort(null);
      long current = store.currentRevision();
      assertThat(revisions)
          .as("revisions are 1..%d without gaps (%s)", current, context)
          .isEqualTo(LongStream.rangeClosed(1, current).boxed().toList());
      if (store.compactRevision() > 1) {
        long below = store.compactRevision() - 1;
        StoreException error =
            catchThrowableOfType(
                StoreException.class, () -> store.range(new RangeRequest("", null, 0, below)));
        assertThat(error.code()).isEqualTo(StoreException.Code.COMPACTED);
      }
      String key = "/crash/verify/" + round;
      long revision =
          ContractFixture.await(store.create(key, CrashWriterMain.valueFor(key))).revision();
      assertThat(revision)
          .as("the recovered store takes writes (%s)", context)
          .isEqualTo(current + 1);
    }
  }
}
