package io.nauta.node.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running container's log from filling the disk, as a kubelet does ({@code
 * containerLogMaxSize} 10 MiB, {@code containerLogMaxFiles} 5): once the log passes the size it is
 * renamed with a timestamp suffix, the runtime is asked to reopen the log (so it writes a fresh
 * file at the same path), and only the newest rotated files are kept. {@code kubectl logs} reads
 * the current file, as with a kubelet. Not thread-safe: one caller per container.
 */
public final class LogRotation {
  private static final Logger LOG = LoggerFactory.getLogger(LogRotation.class);
  public static final long MAX_BYTES = 10L << 20;
  public static final int MAX_FILES = 5;
  private static final DateTimeFormatter SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS").withZone(ZoneOffset.UTC);

  private final long maxBytes;
  private final int maxFiles;
  private final Clock clock;

  public LogRotation(long maxBytes, int maxFiles, Clock clock) {
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    this.clock = clock;
  }

  /**
   * Rotates {@code log} if it is over the size; {@code reopen} asks the runtime to write a new file
   * (when it fails, the rename is undone and the log stays as it was). True when rotated.
   */
  public boolean check(Path log, Consumer<Path> reopen) {
    try {
      if (!Files.isRegularFile(log) || Files.size(log) <= maxBytes) {
        return false;
      }
      Path rotated = log.resolveSibling(log.getFileName() + "." + SUFFIX.format(clock.instant()));
      Files.move(log, rotated, StandardCopyOption.ATOMIC_MOVE);
      try {
        reopen.accept(log);
      } catch (RuntimeException e) {
        Files.move(rotated, log, StandardCopyOption.ATOMIC_MOVE);
        LOG.debug("log {} not rotated: {}", log, e.getMessage());
        return false;
      }
      removeOldest(log);
      return true;
    } catch (IOException e) {
      LOG.debug("log {} not rotated: {}", log, e.getMessage());
      return false;
    }
  }

  /** Keeps the newest {@code maxFiles - 1} rotated files of {@code log}. */
  private void removeOldest(Path log) throws IOException {
    String prefix = log.getFileName() + ".";
    List<Path> rotated;
    try (Stream<Path> files = Files.list(log.getParent())) {
      rotated = files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
    for (int i = 0; i < rotated.size() - (maxFiles - 1); i++) {
      Files.deleteIfExists(rotated.get(i));
    }
  }
}
