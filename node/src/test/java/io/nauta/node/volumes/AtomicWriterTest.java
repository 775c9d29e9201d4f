package io.nauta.node.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicWriterTest {
  @TempDir Path dir;
  private final AtomicWriter writer =
      new AtomicWriter(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));

  private static FileProjection file(String text, int mode) {
    return new FileProjection(text.getBytes(StandardCharsets.UTF_8), mode);
  }

  private static Map<String, FileProjection> payload(Object... pathTextMode) {
    Map<String, FileProjection> out = new LinkedHashMap<>();
    for (int i = 0; i < pathTextMode.length; i += 3) {
      out.put(
          (String) pathTextMode[i], file((String) pathTextMode[i + 1], (int) pathTextMode[i + 2]));
    }
    return out;
  }

  private String read(String path) throws IOException {
    return Files.readString(dir.resolve(path));
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void publishesFilesThroughTheDataLink() throws IOException {
    assertThat(writer.write(dir, payload("a", "1", 0644, "sub/b", "2", 0400))).isTrue();

    assertThat(read("a")).isEqualTo("1");
    assertThat(read("sub/b")).isEqualTo("2");
    assertThat(Files.readSymbolicLink(dir.resolve("a"))).isEqualTo(Path.of("..data/a"));
    assertThat(Files.readSymbolicLink(dir.resolve("sub"))).isEqualTo(Path.of("..data/sub"));
    String stamp = Files.readSymbolicLink(dir.resolve("..data")).toString();
    assertThat(stamp).startsWith("..2024_05_01_10_00_00.");
    assertThat(entries()).containsExactlyInAnyOrder("..data", stamp, "a", "sub");
    assertThat(AtomicWriter.mode(Files.getPosixFilePermissions(dir.resolve("sub/b"))))
        .isEqualTo(0400);
    assertThat(AtomicWriter.mode(Files.getPosixFilePermissions(dir.resolve("a")))).isEqualTo(0644);
  }

  @Test
  void rewritingTheSamePayloadChangesNothing() throws IOException {
    writer.write(dir, payload("a", "1", 0644));
    Path before = Files.readSymbolicLink(dir.resolve("..data"));

    assertThat(writer.write(dir, payload("a", "1", 0644))).isFalse();
    assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(before);
  }

  @Test
  void anUpdateSwapsTheWholeSetAndRemovesWhatIsGone() throws IOException {
    writer.write(dir, payload("a", "1", 0644, "b", "2", 0644));
    Path old = Files.readSymbolicLink(dir.resolve("..data"));

    assertThat(writer.write(dir, payload("a", "changed", 0644, "c", "3", 0600))).isTrue();

    Path now = Files.readSymbolicLink(dir.resolve("..data"));
    assertThat(now).isNotEqualTo(old);
    assertThat(read("a")).isEqualTo("changed");
    assertThat(read("c")).isEqualTo("3");
    assertThat(entries()).containsExactlyInAnyOrder("..data", now.toString(), "a", "c");
  }

  @Test
  void aModeChangeAloneIsAnUpdate() throws IOException {
    writer.write(dir, payload("a", "1", 0644));
    assertThat(writer.write(dir, payload("a", "1", 0600))).isTrue();
    assertThat(AtomicWriter.mode(Files.getPosixFilePermissions(dir.resolve("a")))).isEqualTo(0600);
  }

  @Test
  void anEmptyPayloadLeavesOnlyTheDataLink() throws IOException {
    writer.write(dir, payload("a", "1", 0644));
    writer.write(dir, Map.of());
    assertThat(entries()).hasSize(2).contains("..data").doesNotContain("a");
  }

  @Test
  void binaryContentIsKeptExactly() throws IOException {
    byte[] bytes = {0, (byte) 0xff, 10, 13};
    writer.write(dir, Map.of("bin", new FileProjection(bytes, 0644)));
    assertThat(Files.readAllBytes(dir.resolve("bin"))).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "../x", "a/../../x", "..data", "..hidden", ""})
  void rejectsPathsThatEscapeOrClash(String path) {
    assertThatThrownBy(() -> writer.write(dir, payload(path, "x", 0644)))
        .isInstanceOf(AtomicWriter.InvalidPath.class);
  }
}
