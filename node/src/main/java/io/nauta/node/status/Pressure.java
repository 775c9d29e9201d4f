package io.nauta.node.status;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How close the machine is to running out, read now, and whether that is pressure by a kubelet's
 * default hard eviction thresholds: less than 100 MiB of memory available, less than 10 % of the
 * data directory's filesystem free, less than 10 % of process ids free. Immutable.
 *
 * @param memoryAvailableBytes {@code MemAvailable}, or -1 when unknown
 * @param diskAvailableRatio free share of the data filesystem (0..1), or -1 when unknown
 * @param pidsAvailableRatio free share of {@code pid_max} (0..1), or -1 when unknown
 */
public record Pressure(
    long memoryAvailableBytes, double diskAvailableRatio, double pidsAvailableRatio) {
  static final long MEMORY_THRESHOLD = 100L << 20;
  static final double DISK_THRESHOLD = 0.10;
  static final double PID_THRESHOLD = 0.10;

  /** No pressure known (nothing measured). */
  public static final Pressure NONE = new Pressure(-1, -1, -1);

  public boolean memory() {
    return memoryAvailableBytes >= 0 && memoryAvailableBytes < MEMORY_THRESHOLD;
  }

  public boolean disk() {
    return diskAvailableRatio >= 0 && diskAvailableRatio < DISK_THRESHOLD;
  }

  public boolean pids() {
    return pidsAvailableRatio >= 0 && pidsAvailableRatio < PID_THRESHOLD;
  }

  /** Reads this machine, with {@code dataDir}'s filesystem as the node's disk. */
  public static Pressure read(Path dataDir) {
    long memory = -1;
    double disk = -1;
    double pids = -1;
    try {
      memory = meminfoBytes(Files.readString(Path.of("/proc/meminfo")), "MemAvailable:");
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    try {
      FileStore fs = Files.getFileStore(dataDir);
      disk = fs.getTotalSpace() == 0 ? -1 : (double) fs.getUsableSpace() / fs.getTotalSpace();
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    try {
      // not readString: on this procfs file it returned only the first byte
      long max =
          Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).strip());
      long used;
      try (var s = Files.list(Path.of("/proc"))) {
        used =
            s.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).count();
      }
      pids = max <= 0 ? -1 : (double) (max - used) / max;
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return new Pressure(memory, disk, pids);
  }

  /** A {@code /proc/meminfo} field in bytes; -1 if absent. */
  static long meminfoBytes(String meminfo, String field) {
    for (String line : meminfo.split("\n")) {
      if (line.startsWith(field)) {
        String[] parts = line.substring(field.length()).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
      }
    }
    return -1;
  }
}
