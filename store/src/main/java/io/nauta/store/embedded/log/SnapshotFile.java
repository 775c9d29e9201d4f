package io.nauta.store.embedded.log;

import io.nauta.store.KeyValue;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A snapshot file {@code snapshot-<compactRevision>.snap}: every live key as of {@code
 * compactRevision - 1}, which is exactly the history a compaction to {@code compactRevision} keeps
 * below it. Log records from {@code compactRevision} on, replayed on top, rebuild the store.
 *
 * <p>Layout: {@code [magic][compactRevision: long][count: long]}, then per key {@code [key length:
 * int][key UTF-8][createRevision][modRevision][version][value length: int][value]}, then the CRC32C
 * of everything before it as a long. A snapshot is written to a temporary file, synced and
 * atomically renamed, so a file with the final name is always complete.
 *
 * @param compactRevision the compaction the snapshot belongs to
 * @param path where it lives
 */
public record SnapshotFile(long compactRevision, Path path) {

  /**
   * What a snapshot holds.
   *
   * @param compactRevision the compaction the snapshot belongs to
   * @param keys the live keys as of {@code compactRevision - 1}
   */
  public record Contents(long compactRevision, List<KeyValue> keys) {}

  private static final byte[] MAGIC = {'N', 'A', 'U', 'T', 'A', 'S', 'N', '1'};
  private static final Pattern NAME = Pattern.compile("snapshot-(\\d{19})\\.snap");

  /** The snapshot for {@code compactRevision} in {@code directory}. */
  public static SnapshotFile of(Path directory, long compactRevision) {
    String name = String.format("snapshot-%019d.snap", compactRevision);
    return new SnapshotFile(compactRevision, directory.resolve(name));
  }

  /** The snapshot a file name denotes, or empty for any other file. */
  public static Optional<SnapshotFile> parse(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches()
        ? Optional.of(new SnapshotFile(Long.parseLong(m.group(1)), file))
        : Optional.empty();
  }

  /**
   * Writes {@code keys} durably under this snapshot's name, replacing nothing else.
   *
   * @return the size of the file in bytes
   */
  public long write(DataDirectory directory, Collection<KeyValue> keys) throws IOException {
    Path temporary = path.resolveSibling(path.getFileName() + DataDirectory.TEMPORARY_SUFFIX);
    long size;
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      OutputStream file = Channels.newOutputStream(channel);
      CRC32C crc = new CRC32C();
      DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(new CheckedOutputStream(file, crc), 1 << 20));
      out.write(MAGIC);
      out.writeLong(compactRevision);
      out.writeLong(keys.size());
      for (KeyValue kv : keys) {
        byte[] key = kv.key().getBytes(StandardCharsets.UTF_8);
        out.writeInt(key.length);
        out.write(key);
        out.writeLong(kv.createRevision());
        out.writeLong(kv.modRevision());
        out.writeLong(kv.version());
        out.writeInt(kv.value().length);
        out.write(kv.value());
      }
      out.flush();
      new DataOutputStream(file).writeLong(crc.getValue());
      channel.force(true);
      size = channel.size();
    }
    Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
    directory.sync();
    return size;
  }

  /**
   * Reads the whole snapshot and verifies its checksum.
   *
   * @throws CorruptLogException if the file is not an intact snapshot
   */
  public Contents read() throws IOException {
    try (InputStream file = Files.newInputStream(path)) {
      CRC32C crc = new CRC32C();
      DataInputStream in =
          new DataInputStream(new CheckedInputStream(new BufferedInputStream(file, 1 << 20), crc));
      if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
        throw new CorruptLogException(path + " is not a snapshot");
      }
      long revision = in.readLong();
      long count = in.readLong();
      if (revision != compactRevision || count < 0 || count > Integer.MAX_VALUE) {
        throw new CorruptLogException(path + " has a damaged header");
      }
      List<KeyValue> keys = new ArrayList<>((int) count);
      for (long i = 0; i < count; i++) {
        String key = new String(readBytes(in), StandardCharsets.UTF_8);
        long createRevision = in.readLong();
        long modRevision = in.readLong();
        long version = in.readLong();
        keys.add(new KeyValue(key, readBytes(in), createRevision, modRevision, version));
      }
      long expected = crc.getValue();
      if (in.readLong() != expected || in.read() != -1) {
        throw new CorruptLogException(path + " fails its checksum");
      }
      return new Contents(compactRevision, keys);
    } catch (EOFException e) {
      throw new CorruptLogException(path + " ends early");
    }
  }

  private byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > RecordCodec.MAX_PAYLOAD_BYTES) {
      throw new CorruptLogException(path + " has a damaged entry");
    }
    return in.readNBytes(length);
  }
}
