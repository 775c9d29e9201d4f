package io.nauta.store.embedded.log;

import io.nauta.store.StoreException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store's data directory, held under an exclusive lock for as long as it is open.
 *
 * <p>The lock is an OS file lock on {@code LOCK}, so it is released when the process dies, however
 * it dies. Thread-safe.
 */
public final class DataDirectory implements Closeable {

  /** Files being written end with this; they are never relied on and are deleted on open. */
  public static final String TEMPORARY_SUFFIX = ".tmp";

  private static final String LOCK_FILE = "LOCK";

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates {@code path} if needed and locks it.
   *
   * @throws StoreException with code IO if another process (or another store in this process) holds
   *     the directory
   * @throws IOException if the directory cannot be created or locked
   */
  public static DataDirectory open(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      Files.createDirectories(path);
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        syncDirectory(parent); // so the new directory itself survives a power loss
      }
    }
    FileChannel channel =
        FileChannel.open(
            path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new StoreException(
          StoreException.Code.IO, "store directory " + path + " is in use by another store");
    }
    return new DataDirectory(path, channel, lock);
  }

  public Path path() {
    return path;
  }

  /** Makes creations, renames and deletions of files in the directory durable. */
  public void sync() throws IOException {
    syncDirectory(path);
  }

  private static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  /** The log segments, in sequence order. */
  public List<SegmentFile> segments() throws IOException {
    List<SegmentFile> segments = new ArrayList<>();
    for (Path file : files()) {
      SegmentFile.parse(file).ifPresent(segments::add);
    }
    segments.sort(Comparator.comparingLong(SegmentFile::sequence));
    return segments;
  }

  /** The snapshot with the highest compact revision, if any. */
  public Optional<SnapshotFile> latestSnapshot() throws IOException {
    return snapshots().stream().max(Comparator.comparingLong(SnapshotFile::compactRevision));
  }

  /** Every snapshot file, in no particular order. */
  public List<SnapshotFile> snapshots() throws IOException {
    List<SnapshotFile> snapshots = new ArrayList<>();
    for (Path file : files()) {
      SnapshotFile.parse(file).ifPresent(snapshots::add);
    }
    return snapshots;
  }

  /** Deletes files left half-written by a crash. */
  public void deleteTemporaryFiles() throws IOException {
    for (Path file : files()) {
      if (file.getFileName().toString().endsWith(TEMPORARY_SUFFIX)) {
        Files.deleteIfExists(file);
      }
    }
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(path)) {
      return files.toList();
    }
  }

  /** Releases the lock; idempotent. */
  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      lockChannel.close();
    }
  }
}
