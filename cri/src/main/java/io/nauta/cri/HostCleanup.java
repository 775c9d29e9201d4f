package io.nauta.cri;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Removes host state a containerd of ours leaves behind: mounts under its directories (sandbox
 * network namespaces, shm, container root filesystems), the CNI bridge, and the directory itself.
 * Every step is best effort and idempotent; global settings other users may rely on (such as {@code
 * net.ipv4.ip_forward} and the shared top-level CNI iptables chains) are left alone.
 */
public final class HostCleanup {
  private HostCleanup() {}

  /** Lazily unmounts every mount point at or below {@code dir}, deepest first. */
  public static void unmountUnder(Path dir) {
    String prefix = dir.toAbsolutePath().normalize().toString();
    List<String> points = new ArrayList<>();
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
      lines.forEach(
          line -> {
            String point = unescape(line.split(" ")[4]);
            if (point.equals(prefix) || point.startsWith(prefix + "/")) points.add(point);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    points.sort(Comparator.comparingInt(String::length).reversed());
    for (String point : points) run("umount", "-l", point);
  }

  /** Deletes the network link {@code name} (the CNI bridge) if it exists. */
  public static void deleteLink(String name) {
    if (Files.exists(Path.of("/sys/class/net", name))) run("ip", "link", "delete", name);
  }

  /** Deletes {@code dir} recursively after unmounting what is mounted below it. */
  public static void removeDirectory(Path dir) {
    if (!Files.exists(dir)) return;
    unmountUnder(dir);
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unescape(String mountinfoPath) {
    return mountinfoPath.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
  }

  private static void run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
