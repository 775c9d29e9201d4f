package io.nauta.store.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.Store;
import io.nauta.store.embedded.EmbeddedStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exporting a store to a dump and loading it into another, with the embedded engine. */
class StoreDumpTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T14:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String export(Store store) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StoreExporter(CLOCK).export(store, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static ImportResult load(Store store, String dump) throws IOException {
    return StoreImporter.load(store, new ByteArrayInputStream(bytes(dump)));
  }

  private static Map<String, String> contents(Store store) {
    Map<String, String> all = new LinkedHashMap<>();
    store.range(RangeRequest.prefix("")).items().stream()
        .sorted(Comparator.comparingLong(KeyValue::modRevision))
        .forEach(kv -> all.put(kv.key(), new String(kv.value(), StandardCharsets.UTF_8)));
    return all;
  }

  @Test
  void aLoadedStoreHoldsTheSameKeysInTheOrderTheyWereLastWritten() throws IOException {
    try (Store source = EmbeddedStore.open(dir.resolve("a"));
        Store target = EmbeddedStore.open(dir.resolve("b"))) {
      source.create("/registry/pods/default/web", bytes("v1")).join();
      source.create("/registry/namespaces/default", bytes("ns")).join();
      source.create("/registry/pods/default/gone", bytes("x")).join();
      source.update("/registry/pods/default/web", bytes("v2"), 0).join();
      source.delete("/registry/pods/default/gone", 0).join();
      source.create("/registry/ünïcode/\"quoted\"", new byte[] {0, (byte) 0xff, 10}).join();

      String dump = export(source);
      assertThat(dump.lines().findFirst().orElseThrow())
          .isEqualTo(
              "{\"format\":\"nauta-store-dump\",\"version\":1,\"revision\":6,\"keys\":3,"
                  + "\"exportedAt\":\"2026-12-01T14:00:00Z\"}");
      assertThat(load(target, dump))
          .isEqualTo(new ImportResult.Loaded(new DumpFormat.Summary(3, 3)));

      assertThat(contents(target)).containsExactlyEntriesOf(contents(source));
      assertThat(contents(target).keySet())
          .containsExactly(
              "/registry/namespaces/default",
              "/registry/pods/default/web",
              "/registry/ünïcode/\"quoted\"");
      assertThat(target.get("/registry/ünïcode/\"quoted\"").value())
          .containsExactly(0, (byte) 0xff, 10);
    }
  }

  @Test
  void exportReadsManyPagesAtOneRevision() throws IOException {
    try (Store source = EmbeddedStore.open(dir.resolve("a"));
        Store target = EmbeddedStore.open(dir.resolve("b"))) {
      int n = StoreExporter.PAGE * 2 + 7;
      for (int i = 0; i < n; i++) {
        source.create("/k/" + i, bytes("value " + i));
      }
      source.create("/k/last", bytes("last")).join();
      String dump = export(source);
      assertThat(dump.lines()).hasSize(n + 2);
      assertThat(load(target, dump)).isInstanceOf(ImportResult.Loaded.class);
      assertThat(contents(target)).containsExactlyEntriesOf(contents(source));
    }
  }

  @Test
  void anEmptyStoreExportsToAHeaderAlone() throws IOException {
    try (Store source = EmbeddedStore.open(dir.resolve("a"));
        Store target = EmbeddedStore.open(dir.resolve("b"))) {
      String dump = export(source);
      assertThat(dump.lines()).hasSize(1);
      assertThat(load(target, dump))
          .isEqualTo(new ImportResult.Loaded(new DumpFormat.Summary(0, 0)));
    }
  }

  @Test
  void refusesAStoreThatHoldsKeys() throws IOException {
    try (Store source = EmbeddedStore.open(dir.resolve("a"));
        Store target = EmbeddedStore.open(dir.resolve("b"))) {
      source.create("/a", bytes("1")).join();
      target.create("/x", bytes("mine")).join();
      target.create("/y", bytes("mine")).join();
      assertThat(load(target, export(source))).isEqualTo(new ImportResult.NotEmpty(2));
      assertThat(contents(target)).containsOnlyKeys("/x", "/y");
    }
  }

  static Stream<Arguments> malformed() {
    String header = "{\"format\":\"nauta-store-dump\",\"version\":1,\"revision\":5,\"keys\":%d}\n";
    String a = "{\"key\":\"/a\",\"value\":\"MQ==\",\"modRevision\":2}\n";
    return Stream.of(
        Arguments.of("an empty file", "", 1, "the file is empty"),
        Arguments.of("not JSON", "hello\n", 1, "not a nauta-store-dump header"),
        Arguments.of("another format", "{\"format\":\"etcd\"}\n", 1, "not a nauta-store-dump"),
        Arguments.of(
            "a newer version",
            "{\"format\":\"nauta-store-dump\",\"version\":2,\"keys\":0}\n",
            1,
            "format version 2 is not supported"),
        Arguments.of(
            "no key count",
            "{\"format\":\"nauta-store-dump\",\"version\":1}\n",
            1,
            "does not say how many keys"),
        Arguments.of(
            "a truncated file",
            header.formatted(2) + a,
            2,
            "announces 2 keys but the file holds 1"),
        Arguments.of("a broken line", header.formatted(2) + a + "{\"key\":\n", 3, "not a JSON"),
        Arguments.of(
            "a key line without a value",
            header.formatted(1) + "{\"key\":\"/a\"}\n",
            2,
            "needs a non-empty key and a value"),
        Arguments.of(
            "a value that is not base64",
            header.formatted(1) + "{\"key\":\"/a\",\"value\":\"!!\"}\n",
            2,
            "the value of /a is not base64"),
        Arguments.of("a key twice", header.formatted(2) + a + a, 3, "key /a appears twice"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusesAMalformedDumpWithoutWriting(String name, String dump, long line, String reason)
      throws IOException {
    try (Store target = EmbeddedStore.open(dir.resolve("b"))) {
      ImportResult r = load(target, dump);
      assertThat(r).isInstanceOf(ImportResult.Malformed.class);
      ImportResult.Malformed m = (ImportResult.Malformed) r;
      assertThat(m.line()).isEqualTo(line);
      assertThat(m.reason()).contains(reason);
      assertThat(target.currentRevision()).isZero();
    }
  }

  @Test
  void readsAHandWrittenDump() throws IOException {
    try (Store target = EmbeddedStore.open(dir.resolve("b"))) {
      String dump =
          String.join(
              "\n",
              List.of(
                  "{\"format\":\"nauta-store-dump\",\"version\":1,\"revision\":9,\"keys\":2,"
                      + "\"comment\":\"unknown fields are ignored\"}",
                  "{\"key\":\"/b\",\"value\":\"Yg==\"}",
                  "",
                  "{\"key\":\"/a\",\"value\":\"YQ==\",\"modRevision\":9}"));
      assertThat(load(target, dump)).isInstanceOf(ImportResult.Loaded.class);
      assertThat(contents(target)).containsExactly(Map.entry("/b", "b"), Map.entry("/a", "a"));
    }
  }
}
