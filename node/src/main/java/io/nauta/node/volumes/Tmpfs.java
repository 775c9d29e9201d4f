package io.nauta.node.volumes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Memory-backed directories: mounts a tmpfs with the mount(8) command (the agent runs as root) and
 * tells whether one is mounted at a directory (so a restarted agent does not mount twice).
 */
final class Tmpfs {
  private Tmpfs() {}

  /**
   * Mounts a tmpfs at {@code dir} unless one is there already.
   *
   * @param sizeBytes its size limit, or 0 for the kernel's default (half the memory)
   */
  static void ensure(Path dir, long sizeBytes) throws IOException {
    if (mounted(dir)) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("mount", "-t", "tmpfs"));
    command.addAll(List.of("-o", sizeBytes > 0 ? "mode=0777,size=" + sizeBytes : "mode=0777"));
    command.addAll(List.of("tmpfs", dir.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("mount tmpfs at " + dir + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted mounting " + dir, e);
    }
  }

  /** Whether something is mounted exactly at {@code dir}. */
  static boolean mounted(Path dir) throws IOException {
    String point = dir.toAbsolutePath().normalize().toString();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] fields = line.split(" ");
      if (fields.length > 4 && unescape(fields[4]).equals(point)) {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String path) {
    return path.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
  }
}
