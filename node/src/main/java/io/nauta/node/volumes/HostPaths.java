package io.nauta.node.volumes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code type} check of a hostPath volume, as kubelets do it before mounting: none for {@code
 * ""}; {@code DirectoryOrCreate} and {@code FileOrCreate} create what is missing (mode 0755 or
 * 0644); {@code Directory}, {@code File}, {@code Socket}, {@code CharDevice} and {@code
 * BlockDevice} require that kind of file to be there.
 */
final class HostPaths {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;

  private HostPaths() {}

  /** Why the path fails its type check, or empty when it passes (after creating it if asked). */
  static Optional<String> check(String path, String type) throws IOException {
    Path p = Path.of(path);
    String t = type == null ? "" : type;
    return switch (t) {
      case "" -> Optional.empty();
      case "DirectoryOrCreate" -> {
        if (!Files.exists(p)) {
          Files.createDirectories(p);
          Files.setPosixFilePermissions(p, AtomicWriter.permissions(0755));
        }
        yield Files.isDirectory(p) ? Optional.empty() : failed(path, "is not a directory");
      }
      case "Directory" ->
          !Files.exists(p)
              ? failed(path, "does not exist")
              : Files.isDirectory(p) ? Optional.empty() : failed(path, "is not a directory");
      case "FileOrCreate" -> {
        if (!Files.exists(p)) {
          try {
            Files.createFile(
                p,
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    AtomicWriter.permissions(0644)));
          } catch (NoSuchFileException e) {
            yield failed(path, "cannot be created: its directory does not exist");
          }
        }
        yield Files.isDirectory(p) ? failed(path, "is not a file") : Optional.empty();
      }
      case "File" ->
          !Files.exists(p)
              ? failed(path, "does not exist")
              : Files.isRegularFile(p) ? Optional.empty() : failed(path, "is not a file");
      case "Socket" -> kind(p, S_IFSOCK) ? Optional.empty() : failed(path, "is not a socket file");
      case "CharDevice" ->
          kind(p, S_IFCHR) ? Optional.empty() : failed(path, "is not a character device");
      case "BlockDevice" ->
          kind(p, S_IFBLK) ? Optional.empty() : failed(path, "is not a block device");
      default -> Optional.of("invalid HostPathType " + t);
    };
  }

  private static boolean kind(Path p, int type) throws IOException {
    if (!Files.exists(p)) {
      return false;
    }
    int mode = (Integer) Files.getAttribute(p, "unix:mode");
    return (mode & S_IFMT) == type;
  }

  private static Optional<String> failed(String path, String what) {
    return Optional.of("hostPath type check failed: " + path + " " + what);
  }
}
