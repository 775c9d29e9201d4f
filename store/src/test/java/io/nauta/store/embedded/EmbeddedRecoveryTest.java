package io.nauta.store.embedded;

import static io.nauta.store.ContractFixture.bytes;
import static io.nauta.store.ContractFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.nauta.store.ContractFixture;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RecordingListener;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reopening the embedded engine after clean shutdowns, crashes and damage. */
class EmbeddedRecoveryTest {

  @TempDir Path directory;
  private final CountingMetrics metrics = new CountingMetrics();

  private EmbeddedOptions options() {
    return EmbeddedOptions.defaults().withCompaction(Duration.ZERO, 0).withMetrics(metrics);
  }

  private EmbeddedStore open(EmbeddedOptions options) {
    return EmbeddedStore.open(directory, options);
  }

  static Stream<Arguments> tornTails() {
    byte[] random = new byte[3000];
    new Random(1).nextBytes(random);
    return Stream.of(
        Arguments.of("a partial frame header", new byte[] {0, 0, 1}),
        Arguments.of("a frame longer than the file", ByteBuffer.allocate(18).putInt(1000).array()),
        Arguments.of("random bytes", random),
        Arguments.of("zeros", new byte[4096]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tornTails")
  void recoveryTruncatesTornTail(String name, byte[] garbage) throws IOException {
    try (EmbeddedStore store = open(options())) {
      ContractFixture.await(store.create("/warm", bytes("up")));
      createKeys(store, 100);
    }
    Files.write(lastSegment(), garbage, StandardOpenOption.APPEND);

    try (EmbeddedStore store = open(options())) {
      assertThat(store.currentRevision()).isEqualTo(101);
      assertThat(store.range(RangeRequest.prefix("/k/")).items()).hasSize(100);
      assertThat(ContractFixture.await(store.create("/after", bytes("x"))).revision())
          .isEqualTo(102);
    }
    try (EmbeddedStore store = open(options())) {
      assertThat(store.currentRevision()).isEqualTo(102);
      assertThat(text(store.get("/after"))).isEqualTo("x");
    }
  }

  @Test
  void recoveryDropsALastRecordThatFailsItsChecksum() throws IOException {
    try (EmbeddedStore store = open(options())) {
      createKeys(store, 10);
    }
    Path segment = lastSegment();
    byte[] content = Files.readAllBytes(segment);
    content[content.length - 1] ^= 0x5A;
    Files.write(segment, content);

    try (EmbeddedStore store = open(options())) {
      assertThat(store.currentRevision()).isEqualTo(9);
      assertThat(store.get("/k/9")).isNull();
      assertThat(store.get("/k/8")).isNotNull();
    }
  }

  @Test
  void damageBeforeTheLastSegmentRefusesToOpen() throws IOException {
    try (EmbeddedStore store = open(options().withSegmentBytes(4096))) {
      for (int i = 0; i < 300; i++) { // one at a time: a new segment starts only between batches
        ContractFixture.await(store.create("/k/" + i, bytes("value-" + i)));
      }
    }
    List<Path> segments = segments();
    assertThat(segments).hasSizeGreaterThan(2);
    byte[] content = Files.readAllBytes(segments.getFirst());
    content[content.length / 2] ^= 0x01;
    Files.write(segments.getFirst(), content);

    StoreException error = catchThrowableOfType(StoreException.class, () -> open(options()));

    assertThat(error.code()).isEqualTo(StoreException.Code.IO);
  }

  @Test
  void snapshotAndSegmentRecovery() throws IOException {
    EmbeddedOptions small = options().withSegmentBytes(4096);
    long current;
    long compactTo;
    Map<String, String> expected;
    int liveAtCompaction;
    try (EmbeddedStore store = open(small)) {
      createKeys(store, 600);
      for (int i = 0; i < 100; i++) {
        ContractFixture.await(store.update("/k/" + i, bytes("updated-" + i), 0));
      }
      for (int i = 100; i < 150; i++) {
        ContractFixture.await(store.delete("/k/" + i, 0));
      }
      current = store.currentRevision();
      compactTo = current - 20;
      int segmentsBefore = segments().size();

      store.compact(compactTo);

      await().atMost(Duration.ofSeconds(30)).until(() -> metrics.snapshots.get() >= 1);
      assertThat(segments().size()).isLessThan(segmentsBefore);
      assertThat(files("snapshot-")).hasSize(1);
      expected = contents(store);
      liveAtCompaction = store.range(new RangeRequest("", null, 0, compactTo)).items().size();
    }

    try (EmbeddedStore store = open(small)) {
      assertThat(store.currentRevision()).isEqualTo(current);
      assertThat(store.compactRevision()).isEqualTo(compactTo);
      assertThat(contents(store)).isEqualTo(expected);
      assertThat(store.range(new RangeRequest("", null, 0, compactTo)).items())
          .hasSize(liveAtCompaction);
      StoreException error =
          catchThrowableOfType(
              StoreException.class,
              () -> store.range(new RangeRequest("", null, 0, compactTo - 1)));
      assertThat(error.code()).isEqualTo(StoreException.Code.COMPACTED);
      RecordingListener listener = new RecordingListener();
      try (Watch watch = store.watch("", compactTo - 1, listener)) {
        listener.awaitRevision(current);
        assertThat(listener.revisions())
            .isEqualTo(LongStream.rangeClosed(compactTo, current).boxed().toList());
      }
    }
  }

  @Test
  void recoversHundredThousandKeysQuickly() {
    int keys = 100_000;
    EmbeddedOptions options = options().withSegmentBytes(4 << 20);
    try (EmbeddedStore store = open(options)) {
      createKeys(store, keys);
    }
    long replayMillis = timeReopen(options, keys);
    try (EmbeddedStore store = open(options)) {
      store.compact(store.currentRevision());
      await().atMost(Duration.ofSeconds(30)).until(() -> metrics.snapshots.get() >= 1);
      ContractFixture.await(store.create("/after-snapshot", bytes("x")));
    }
    long snapshotMillis = timeReopen(options, keys + 1);

    String report =
        "recovery of %d keys: %d ms from the log alone, %d ms from a snapshot"
            .formatted(keys, replayMillis, snapshotMillis);
    System.out.println(report);
    assertThat(replayMillis).as(report).isLessThan(30_000);
  }

  @Test
  void leftoverTemporaryFilesAreRemoved() throws IOException {
    Files.createDirectories(directory);
    Files.write(directory.resolve("snapshot-0000000000000000009.snap.tmp"), new byte[100]);

    try (EmbeddedStore store = open(options())) {
      assertThat(store.currentRevision()).isZero();
    }
    assertThat(files(".tmp")).isEmpty();
  }

  private long timeReopen(EmbeddedOptions options, int expectedKeys) {
    long start = System.nanoTime();
    try (EmbeddedStore store = open(options)) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      var page = store.range(new RangeRequest("", null, 1, 0));
      assertThat(page.items().size() + page.remaining()).isEqualTo(expectedKeys);
      return millis;
    }
  }

  private static void createKeys(EmbeddedStore store, int count) {
    List<String> keys = IntStream.range(0, count).mapToObj(i -> "/k/" + i).toList();
    var futures = keys.stream().map(k -> store.create(k, bytes("value-of-" + k))).toList();
    futures.forEach(f -> assertThat(ContractFixture.await(f).ok()).isTrue());
  }

  private static Map<String, String> contents(EmbeddedStore store) {
    Map<String, String> state = new TreeMap<>();
    for (KeyValue kv : store.range(RangeRequest.prefix("")).items()) {
      state.put(
          kv.key(),
          text(kv) + "@" + kv.createRevision() + "/" + kv.modRevision() + "/" + kv.version());
    }
    return state;
  }

  private List<Path> segments() throws IOException {
    return files(".wal");
  }

  private Path lastSegment() throws IOException {
    return segments().getLast();
  }

  private List<Path> files(String namePart) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().contains(namePart)).sorted().toList();
    }
  }
}
