package io.nauta.node.volumes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pod's {@code securityContext.fsGroup} applied to a volume, as a kubelet applies it: every
 * directory and file below it belongs to that group, files get group read (and write, unless the
 * volume is read-only: configMap, secret, downwardAPI, projected), directories group access and the
 * set-group-ID bit so that new files inherit the group. Symbolic links are left alone. With {@code
 * fsGroupChangePolicy: OnRootMismatch} the walk is skipped when the volume's root already has the
 * group, those permissions and the set-group-ID bit.
 */
final class FsGroup {
  private static final int SETGID = 02000;

  private FsGroup() {}

  /**
   * Applies {@code gid} to {@code root} and everything below it, unless {@code policy} is {@code
   * OnRootMismatch} and the root already shows it.
   */
  static void apply(Path root, long gid, boolean readOnly, String policy) throws IOException {
    if ("OnRootMismatch".equals(policy) && rootMatches(root, gid, readOnly)) {
      return;
    }
    apply(root, gid, readOnly);
  }

  /**
   * Whether {@code root} is a directory of group {@code gid} with group access (read and execute,
   * and write unless read-only) and the set-group-ID bit: the kubelet's test for OnRootMismatch.
   */
  static boolean rootMatches(Path root, long gid, boolean readOnly) throws IOException {
    if (!Files.isDirectory(root)) {
      return false;
    }
    int owner = (int) Files.getAttribute(root, "unix:gid");
    int mode = (int) Files.getAttribute(root, "unix:mode") & 07777;
    int wanted = SETGID | 0110 | (readOnly ? 0440 : 0660);
    return owner == (int) gid && (mode & wanted) == wanted;
  }

  /** Applies {@code gid} to {@code root} and everything below it. */
  static void apply(Path root, long gid, boolean readOnly) throws IOException {
    int fileBits = readOnly ? 0440 : 0660;
    int dirBits = SETGID | 0110 | fileBits;
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.toList();
    }
    for (Path p : paths) {
      if (Files.isSymbolicLink(p)) {
        continue;
      }
      Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
      int mode = (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
      boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
      int wanted = mode | (dir ? dirBits : fileBits);
      if (wanted != mode) {
        Files.setAttribute(p, "unix:mode", wanted, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }
}
