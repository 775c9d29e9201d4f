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
 * set-group-ID bit so that new files inherit the group. Symbolic links are left alone.
 */
final class FsGroup {
  private static final int SETGID = 02000;

  private FsGroup() {}

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
