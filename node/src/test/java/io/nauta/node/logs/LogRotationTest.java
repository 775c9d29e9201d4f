package io.nauta.node.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotationTest {
  @TempDir Path dir;
  private Instant now = Instant.parse("2026-12-01T12:00:00Z");
  private final List<Path> reopened = new ArrayList<>();

  private LogRotation rotation() {
    return new LogRotation(100, 3, Clock.fixed(now, ZoneOffset.UTC));
  }

  private List<String> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aLogOverTheSizeIsRotatedAndTheRuntimeReopensIt() throws Exception {
    Path log = Files.writeString(dir.resolve("0.log"), "x".repeat(50));
    assertThat(rotation().check(log, reopened::add)).isFalse();
    Files.writeString(log, "x".repeat(101));
    assertThat(
            rotation()
                .check(
                    log,
                    p -> {
                      reopened.add(p);
                      try {
                        Files.writeString(p, ""); // the runtime's fresh file
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    }))
        .isTrue();
    assertThat(reopened).containsExactly(log);
    assertThat(files()).containsExactly("0.log", "0.log.20261201-120000.000");
  }

  @Test
  void onlyTheNewestRotatedFilesAreKept() throws Exception {
    Path log = dir.resolve("0.log");
    for (int i = 0; i < 4; i++) {
      Files.writeString(log, "x".repeat(101));
      rotation().check(log, p -> {});
      now = now.plus(Duration.ofSeconds(1));
    }
    assertThat(files()).containsExactly("0.log.20261201-120002.000", "0.log.20261201-120003.000");
  }

  @Test
  void aFailedReopenLeavesTheLogInPlace() throws Exception {
    Path log = Files.writeString(dir.resolve("0.log"), "x".repeat(101));
    boolean rotated =
        rotation()
            .check(
                log,
                p -> {
                  throw new IllegalStateException("container not running");
                });
    assertThat(rotated).isFalse();
    assertThat(files()).containsExactly("0.log");
    assertThat(Files.size(log)).isEqualTo(101);
  }
}
