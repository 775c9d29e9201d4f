package io.nauta.store.embedded.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Frames log records as {@code [payload length: int][CRC32C of payload: int][payload]}.
 *
 * <p>The payload is {@code [type: byte]} followed by, for PUT, {@code [revision: long][key length:
 * int][key UTF-8][value length: int][value]}; for DELETE {@code [revision][key length][key]}; for
 * COMPACT {@code [revision]}. All numbers are big-endian. Stateless and thread-safe.
 */
public final class RecordCodec {

  /** Bytes before the payload: its length and its checksum. */
  public static final int FRAME_HEADER_BYTES = 8;

  /** Payloads larger than this are treated as damage, whatever the engine's limits. */
  public static final int MAX_PAYLOAD_BYTES = 64 << 20;

  private static final byte PUT = 1;
  private static final byte DELETE = 2;
  private static final byte COMPACT = 3;

  private RecordCodec() {}

  /** An upper bound of the framed size of {@code record}, for sizing buffers. */
  public static int maxEncodedSize(LogRecord record) {
    return FRAME_HEADER_BYTES
        + switch (record) {
          case LogRecord.Put p -> 1 + 8 + 4 + p.key().length() * 3 + 4 + p.value().length;
          case LogRecord.Delete d -> 1 + 8 + 4 + d.key().length() * 3;
          case LogRecord.Compact c -> 1 + 8;
        };
  }

  /**
   * Appends the framed {@code record} to {@code out} at its position.
   *
   * @throws java.nio.BufferOverflowException if fewer than {@link #maxEncodedSize} bytes remain
   */
  public static void encode(LogRecord record, ByteBuffer out) {
    int start = out.position();
    out.position(start + FRAME_HEADER_BYTES);
    switch (record) {
      case LogRecord.Put p -> {
        out.put(PUT).putLong(p.revision());
        putBytes(out, p.key().getBytes(StandardCharsets.UTF_8));
        putBytes(out, p.value());
      }
      case LogRecord.Delete d -> {
        out.put(DELETE).putLong(d.revision());
        putBytes(out, d.key().getBytes(StandardCharsets.UTF_8));
      }
      case LogRecord.Compact c -> out.put(COMPACT).putLong(c.revision());
    }
    int end = out.position();
    CRC32C crc = new CRC32C();
    crc.update(out.duplicate().limit(end).position(start + FRAME_HEADER_BYTES));
    out.putInt(start, end - start - FRAME_HEADER_BYTES);
    out.putInt(start + 4, (int) crc.getValue());
  }

  /** The checksum a frame header must carry for {@code payload}. */
  public static int checksum(byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload);
    return (int) crc.getValue();
  }

  /**
   * Decodes a payload whose checksum has been verified.
   *
   * @throws CorruptLogException if the payload is not a well-formed record
   */
  public static LogRecord decode(byte[] payload) throws CorruptLogException {
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      byte type = in.get();
      LogRecord record =
          switch (type) {
            case PUT -> new LogRecord.Put(in.getLong(), utf8(getBytes(in)), getBytes(in));
            case DELETE -> new LogRecord.Delete(in.getLong(), utf8(getBytes(in)));
            case COMPACT -> new LogRecord.Compact(in.getLong());
            default -> throw new CorruptLogException("unknown record type " + type);
          };
      if (in.hasRemaining()) {
        throw new CorruptLogException(in.remaining() + " stray bytes after a record");
      }
      return record;
    } catch (java.nio.BufferUnderflowException e) {
      throw new CorruptLogException("record ends early");
    }
  }

  private static void putBytes(ByteBuffer out, byte[] bytes) {
    out.putInt(bytes.length).put(bytes);
  }

  private static byte[] getBytes(ByteBuffer in) throws CorruptLogException {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new CorruptLogException("field length " + length + " exceeds the record");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
