package io.nauta.node.volumes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a set of files into a directory so that readers see either the old set or the new one,
 * never a mix, the way kubelets publish configMap and secret volumes: the files go into a new
 * directory named after the time ({@code ..2024_05_01_10_00_00.123}), a {@code ..data} symlink is
 * pointed at it with one atomic rename, and each top-level name is a symlink through {@code ..data}
 * ({@code key -> ..data/key}). Names no longer written are removed, then the old directory. Writing
 * what is already there changes nothing. Not thread-safe for one directory.
 */
public final class AtomicWriter {
  static final String DATA = "..data";
  private static final String DATA_TMP = "..data_tmp";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss'.'").withZone(ZoneOffset.UTC);

  private final Clock clock;

  public AtomicWriter(Clock clock) {
    this.clock = clock;
  }

  /** A payload path that would escape the directory or clash with the writer's own names. */
  public static final class InvalidPath extends IllegalArgumentException {
    InvalidPath(String message) {
      super(message);
    }
  }

  /**
   * Makes {@code dir} (which must exist) hold exactly {@code payload}, relative path to file.
   *
   * @return whether anything changed
   * @throws InvalidPath when a path is absolute, contains {@code ..} or starts with {@code ..}
   */
  public boolean write(Path dir, Map<String, FileProjection> payload) throws IOException {
    payload.keySet().forEach(AtomicWriter::validate);
    Path dataLink = dir.resolve(DATA);
    Path oldDir = null;
    if (Files.isSymbolicLink(dataLink)) {
      oldDir = dir.resolve(Files.readSymbolicLink(dataLink));
    }
    boolean same = oldDir != null && Files.isDirectory(oldDir) && holds(oldDir, payload);
    if (!same) {
      Path fresh = Files.createTempDirectory(dir, STAMP.format(clock.instant()));
      Files.setPosixFilePermissions(fresh, permissions(0755));
      for (var e : payload.entrySet()) {
        Path file = fresh.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue().data());
        Files.setPosixFilePermissions(file, permissions(e.getValue().mode()));
      }
      Path tmp = dir.resolve(DATA_TMP);
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, fresh.getFileName());
      Files.move(tmp, dataLink, StandardCopyOption.ATOMIC_MOVE);
    }
    Set<String> visible = new HashSet<>();
    for (String path : payload.keySet()) {
      visible.add(Path.of(path).getName(0).toString());
    }
    for (String name : visible) {
      Path link = dir.resolve(name);
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createSymbolicLink(link, Path.of(DATA, name));
        } catch (FileAlreadyExistsException raced) {
          // already there: fine
        }
      }
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.startsWith("..")
            && !visible.contains(name)
            && Files.isSymbolicLink(entry)
            && Files.readSymbolicLink(entry).startsWith(DATA)) {
          Files.delete(entry);
        }
      }
    }
    if (!same && oldDir != null) {
      deleteTree(oldDir);
    }
    return !same;
  }

  static void validate(String path) {
    if (path.isEmpty()) {
      throw new InvalidPath("invalid path: must not be empty");
    }
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      throw new InvalidPath("invalid path: must be relative path: " + path);
    }
    if (path.startsWith("..")) {
      throw new InvalidPath("invalid path: must not start with '..': " + path);
    }
    for (Path part : p) {
      if (part.toString().equals("..")) {
        throw new InvalidPath("invalid path: must not contain '..': " + path);
      }
    }
  }

  /** Whether {@code dir} holds exactly the payload's files with the payload's modes. */
  private static boolean holds(Path dir, Map<String, FileProjection> payload) throws IOException {
    Map<String, Path> files = new HashMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(f -> files.put(dir.relativize(f).toString(), f));
    }
    if (!files.keySet().equals(normalized(payload.keySet()))) {
      return false;
    }
    for (var e : payload.entrySet()) {
      Path f = files.get(Path.of(e.getKey()).normalize().toString());
      if (mode(Files.getPosixFilePermissions(f)) != (e.getValue().mode() & 0777)
          || Files.size(f) != e.getValue().data().length
          || !java.util.Arrays.equals(Files.readAllBytes(f), e.getValue().data())) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> normalized(Set<String> paths) {
    Set<String> out = new HashSet<>();
    paths.forEach(p -> out.add(Path.of(p).normalize().toString()));
    return out;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (0400 >> i)) != 0) {
        out.add(bits[i]);
      }
    }
    return out;
  }

  static int mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 0400 >> p.ordinal();
    }
    return mode;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
