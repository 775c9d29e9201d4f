package io.nauta.node.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a node offers and who it is.
 *
 * @param cpus logical CPUs
 * @param memoryBytes physical memory ({@code MemTotal})
 * @param storageBytes size of the filesystem holding the agent's data directory
 * @param kernelVersion e.g. {@code 6.1.0-18-amd64}
 * @param osImage e.g. {@code Debian GNU/Linux 12 (bookworm)}
 * @param architecture Go's name, e.g. {@code amd64}
 * @param machineId {@code /etc/machine-id}, or empty
 */
public record Machine(
    int cpus,
    long memoryBytes,
    long storageBytes,
    String kernelVersion,
    String osImage,
    String architecture,
    String machineId) {

  /** Reads this machine; {@code dataDir} is where the agent keeps its files. */
  public static Machine local(Path dataDir) throws IOException {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memTotal(read(Path.of("/proc/meminfo")).orElse("")),
        Files.getFileStore(existing(dataDir)).getTotalSpace(),
        read(Path.of("/proc/sys/kernel/osrelease")).orElse("").strip(),
        prettyName(read(Path.of("/etc/os-release")).orElse("")),
        goArch(System.getProperty("os.arch")),
        read(Path.of("/etc/machine-id")).orElse("").strip());
  }

  /** {@code MemTotal} of a {@code /proc/meminfo} text, in bytes; 0 if absent. */
  static long memTotal(String meminfo) {
    for (String line : meminfo.split("\n")) {
      if (line.startsWith("MemTotal:")) {
        String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
      }
    }
    return 0;
  }

  /** {@code PRETTY_NAME} of an os-release text, unquoted; "Linux" if absent. */
  static String prettyName(String osRelease) {
    for (String line : osRelease.split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        String v = line.substring("PRETTY_NAME=".length()).strip();
        return v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))
            ? v.substring(1, v.length() - 1)
            : v;
      }
    }
    return "Linux";
  }

  /** Java's {@code os.arch} as Kubernetes names architectures. */
  static String goArch(String javaArch) {
    return switch (javaArch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> javaArch;
    };
  }

  /** The labels every node carries about its machine. */
  public Map<String, String> labels(String nodeName) {
    return Map.of(
        "kubernetes.io/hostname", nodeName,
        "kubernetes.io/os", "linux",
        "kubernetes.io/arch", architecture,
        "beta.kubernetes.io/os", "linux",
        "beta.kubernetes.io/arch", architecture);
  }

  private static Optional<String> read(Path p) {
    try {
      return Optional.of(Files.readString(p));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Path existing(Path p) throws IOException {
    Files.createDirectories(p);
    return p;
  }
}
