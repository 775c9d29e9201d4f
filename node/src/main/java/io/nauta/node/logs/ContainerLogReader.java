package io.nauta.node.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Copies a CRI log file to a client the way a kubelet serves {@code containerLogs}: records are
 * decoded (partial records joined into their line), filtered by {@link LogOptions} and written as
 * the container wrote them; with {@code follow} it keeps reading as the file grows until the
 * container stops or the client goes away. Only complete records (ending in a newline) are read.
 * Not thread-safe; one instance per request.
 */
public final class ContainerLogReader {
  /** Waits a little before looking at the file again (a poll interval; injectable for tests). */
  @FunctionalInterface
  public interface Pause {
    void pause() throws InterruptedException;
  }

  private static final int BLOCK = 32 * 1024;

  private final LogOptions options;
  private final OutputStream out;
  private byte[] line = new byte[256];
  private int lineLength;
  private boolean atLineStart = true;
  private long remaining;

  private ContainerLogReader(LogOptions options, OutputStream out) {
    this.options = options;
    this.out = out;
    this.remaining = options.limitBytes() == null ? Long.MAX_VALUE : options.limitBytes();
  }

  /**
   * Copies {@code file} to {@code out}. When following, {@code running} is asked after each quiet
   * read whether the container may still write; once it says no, what is left is sent and the copy
   * ends. Returns normally at the end; throws the client's {@link IOException} when it went away.
   */
  public static void copy(
      Path file, LogOptions options, OutputStream out, BooleanSupplier running, Pause pause)
      throws IOException, InterruptedException {
    new ContainerLogReader(options, out).run(file, running, pause);
  }

  private void run(Path file, BooleanSupplier running, Pause pause)
      throws IOException, InterruptedException {
    if (remaining <= 0) {
      return;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long start = options.tailLines() == null ? 0 : tailStart(ch, options.tailLines());
      ch.position(start);
      ByteBuffer buf = ByteBuffer.allocate(BLOCK);
      boolean lastChance = false;
      while (true) {
        buf.clear();
        int n = ch.read(buf);
        if (n > 0) {
          if (!consume(buf.array(), n)) {
            return;
          }
          out.flush();
          continue;
        }
        if (!options.follow() || lastChance) {
          return;
        }
        if (!running.getAsBoolean()) {
          lastChance = true; // one more read for what was written before it stopped
          continue;
        }
        out.flush();
        pause.pause();
      }
    }
  }

  /** Feeds bytes read; false once the byte limit is reached. */
  private boolean consume(byte[] data, int n) throws IOException {
    int from = 0;
    for (int i = 0; i < n; i++) {
      if (data[i] == '\n') {
        append(data, from, i);
        from = i + 1;
        if (!record()) {
          return false;
        }
      }
    }
    append(data, from, n);
    return true;
  }

  private void append(byte[] data, int from, int to) {
    int len = to - from;
    if (lineLength + len > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + len));
    }
    System.arraycopy(data, from, line, lineLength, len);
    lineLength += len;
  }

  /** Handles the complete record in {@code line}; false once the byte limit is reached. */
  private boolean record() throws IOException {
    var parsed = CriLogLine.parse(line, 0, lineLength);
    lineLength = 0;
    if (parsed.isEmpty()) {
      return true;
    }
    CriLogLine r = parsed.get();
    if (options.since() != null && r.time().isBefore(options.since())) {
      return true;
    }
    if (options.timestamps() && atLineStart) {
      if (!write((CriLogLine.formatTime(r.time()) + " ").getBytes(StandardCharsets.US_ASCII))) {
        return false;
      }
    }
    if (!write(r.content())) {
      return false;
    }
    atLineStart = !r.partial();
    return r.partial() || write(new byte[] {'\n'});
  }

  private boolean write(byte[] b) throws IOException {
    int len = (int) Math.min(b.length, remaining);
    out.write(b, 0, len);
    remaining -= len;
    return remaining > 0;
  }

  /**
   * Where the last {@code lines} records of the file begin: just after the newline that ends the
   * record before them (the file's final newline ends the last record and is not counted).
   */
  static long tailStart(FileChannel ch, long lines) throws IOException {
    long size = ch.size();
    if (lines <= 0) {
      return size;
    }
    ByteBuffer buf = ByteBuffer.allocate(BLOCK);
    long end = size;
    long seen = 0;
    boolean first = true;
    while (end > 0) {
      long begin = Math.max(0, end - BLOCK);
      buf.clear().limit((int) (end - begin));
      ch.read(buf, begin);
      for (int i = (int) (end - begin) - 1; i >= 0; i--) {
        if (buf.get(i) != '\n') {
          first = false;
          continue;
        }
        if (first) {
          first = false; // the newline ending the last record
          continue;
        }
        if (++seen == lines) {
          return begin + i + 1;
        }
      }
      end = begin;
    }
    return 0;
  }
}
