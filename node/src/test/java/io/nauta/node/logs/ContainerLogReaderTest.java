package io.nauta.node.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerLogReaderTest {
  private static final String LOG =
      """
      2024-03-01T10:00:01Z stdout F one
      2024-03-01T10:00:02Z stderr F two
      2024-03-01T10:00:03.5Z stdout P thr
      2024-03-01T10:00:03.6Z stdout F ee
      not a record
      2024-03-01T10:00:04Z stdout F four
      """;

  @TempDir Path dir;

  private String read(String log, LogOptions options) throws Exception {
    Path file = dir.resolve("0.log");
    Files.writeString(file, log);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContainerLogReader.copy(file, options, out, () -> false, () -> {});
    return out.toString(StandardCharsets.UTF_8);
  }

  private static LogOptions options(Long tail, Instant since, Long limit, boolean timestamps) {
    return new LogOptions(false, false, timestamps, tail, since, limit);
  }

  @Test
  void joinsPartialRecordsAndSkipsWhatIsNotARecord() throws Exception {
    assertThat(read(LOG, LogOptions.ALL)).isEqualTo("one\ntwo\nthree\nfour\n");
  }

  @ParameterizedTest(name = "tail {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|''",
        "1|'four\n'",
        "2|'four\n'",
        "3|'ee\nfour\n'",
        "100|'one\ntwo\nthree\nfour\n'"
      })
  void tailCountsTheFilesLastLines(long tail, String expected) throws Exception {
    // like a kubelet, the tail counts records (a partial record is one), then decodes from there
    assertThat(read(LOG, options(tail, null, null, false))).isEqualTo(expected);
  }

  @Test
  void sinceSkipsOlderRecords() throws Exception {
    assertThat(read(LOG, options(null, Instant.parse("2024-03-01T10:00:02Z"), null, false)))
        .isEqualTo("two\nthree\nfour\n");
  }

  @Test
  void limitBytesCutsTheOutput() throws Exception {
    assertThat(read(LOG, options(null, null, 6L, false))).isEqualTo("one\ntw");
  }

  @Test
  void timestampsPrefixEachLineOnce() throws Exception {
    assertThat(read(LOG, options(3L, null, null, true)))
        .isEqualTo("2024-03-01T10:00:03.6Z ee\n2024-03-01T10:00:04Z four\n");
    assertThat(read(LOG, options(null, Instant.parse("2024-03-01T10:00:03Z"), null, true)))
        .isEqualTo("2024-03-01T10:00:03.5Z three\n2024-03-01T10:00:04Z four\n");
  }

  @Test
  void anIncompleteLastRecordWaitsForItsNewline() throws Exception {
    assertThat(read("2024-03-01T10:00:01Z stdout F one\n2024-03-01T10:00:02Z std", LogOptions.ALL))
        .isEqualTo("one\n");
  }

  @Test
  void followSendsWhatIsWrittenUntilTheContainerStops() throws Exception {
    Path file = dir.resolve("0.log");
    Files.writeString(file, "2024-03-01T10:00:01Z stdout F one\n");
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger pauses = new AtomicInteger();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContainerLogReader.copy(
        file,
        new LogOptions(true, false, false, null, null, null),
        out,
        running::get,
        () -> {
          // the container writes while the reader waits, then stops after one more line
          int n = pauses.incrementAndGet();
          String record = n == 1 ? "2024-03-01T10:00:02Z stdout P t" : "w\n";
          if (n == 3) {
            record = "2024-03-01T10:00:03Z stdout F o\n2024-03-01T10:00:04Z stdout F last\n";
            running.set(false);
          }
          try {
            Files.writeString(file, record, StandardOpenOption.APPEND);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\nlast\n");
    assertThat(pauses).hasValue(3);
  }
}
