package io.nauta.store.embedded.log;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a segment's records in order and stops at the first frame that is incomplete or fails its
 * checksum: everything before it was written whole, nothing at or after it can be trusted.
 */
public final class SegmentReader {

  /** Receives records as they are read; may reject them by throwing. */
  @FunctionalInterface
  public interface Sink {
    void accept(LogRecord record) throws IOException;
  }

  /**
   * How far a segment could be read.
   *
   * @param validBytes the length of the segment's intact prefix (header and whole records)
   * @param damage null if the whole file was intact, else what was wrong at {@code validBytes}
   */
  public record Scan(long validBytes, String damage) {
    public boolean intact() {
      return damage == null;
    }
  }

  private SegmentReader() {}

  /**
   * Reads {@code segment} from its start, passing each intact record to {@code sink}.
   *
   * @throws CorruptLogException if the file does not start with a segment header
   * @throws IOException if the file cannot be read, or as thrown by {@code sink}
   */
  public static Scan scan(SegmentFile segment, Sink sink) throws IOException {
    try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ);
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 20)) {
      long size = channel.size();
      byte[] magic = in.readNBytes(SegmentFile.MAGIC.length);
      if (magic.length < SegmentFile.MAGIC.length) {
        return new Scan(0, "incomplete segment header");
      }
      if (!Arrays.equals(magic, SegmentFile.MAGIC)) {
        throw new CorruptLogException(segment.path() + " is not a log segment");
      }
      long position = magic.length;
      byte[] header = new byte[RecordCodec.FRAME_HEADER_BYTES];
      while (true) {
        int read = in.readNBytes(header, 0, header.length);
        if (read == 0) {
          return new Scan(position, null);
        }
        if (read < header.length) {
          return new Scan(position, "incomplete frame header");
        }
        ByteBuffer frame = ByteBuffer.wrap(header);
        int length = frame.getInt();
        int checksum = frame.getInt();
        if (length < 1
            || length > RecordCodec.MAX_PAYLOAD_BYTES
            || length > size - position - header.length) {
          return new Scan(position, "impossible payload length " + length);
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
          return new Scan(position, "incomplete payload");
        }
        if (RecordCodec.checksum(payload) != checksum) {
          return new Scan(position, "checksum mismatch");
        }
        LogRecord record;
        try {
          record = RecordCodec.decode(payload);
        } catch (CorruptLogException e) {
          return new Scan(position, e.getMessage());
        }
        sink.accept(record);
        position += header.length + length;
      }
    }
  }
}
