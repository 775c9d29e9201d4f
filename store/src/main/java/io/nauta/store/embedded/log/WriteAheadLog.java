package io.nauta.store.embedded.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append side of the write-ahead log: a sequence of segment files of which only the last is
 * written to.
 *
 * <p>{@link #write} is called by one thread at a time (the committer); {@link #hasSegmentsBefore}
 * and {@link #deleteSegmentsBefore} may be called concurrently with it from another thread. A
 * segment is only deleted once a later segment exists, so the one being written is never touched.
 */
public final class WriteAheadLog implements Closeable {

  private final DataDirectory directory;
  private final long segmentBytes;
  private final List<SegmentFile> segments; // guarded by itself
  private SegmentFile current;
  private FileChannel channel;
  private long size;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

  private WriteAheadLog(
      DataDirectory directory, long segmentBytes, List<SegmentFile> segments, FileChannel channel)
      throws IOException {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
    this.segments = new ArrayList<>(segments);
    this.current = segments.getLast();
    this.channel = channel;
    this.size = channel.size();
    channel.position(size);
  }

  /**
   * Opens the log for appending to the last of {@code segments}, or to a new first segment if there
   * are none. Call after {@link #repairTail} has cut any damaged tail off the last segment.
   *
   * @param nextRevision the revision the next write will carry
   * @param segmentBytes the size after which a new segment is started
   */
  public static WriteAheadLog open(
      DataDirectory directory, List<SegmentFile> segments, long nextRevision, long segmentBytes)
      throws IOException {
    if (segments.isEmpty()) {
      SegmentFile first = SegmentFile.of(directory.path(), 1, nextRevision);
      FileChannel channel = create(first);
      directory.sync();
      return new WriteAheadLog(directory, segmentBytes, List.of(first), channel);
    }
    FileChannel channel = FileChannel.open(segments.getLast().path(), StandardOpenOption.WRITE);
    return new WriteAheadLog(directory, segmentBytes, segments, channel);
  }

  /**
   * Cuts {@code segment} to its first {@code validBytes} bytes (rewriting its header if even that
   * was incomplete) and syncs it. Used on the last segment only: a crash can tear nothing else.
   */
  public static void repairTail(SegmentFile segment, long validBytes) throws IOException {
    try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.WRITE)) {
      if (validBytes < SegmentFile.MAGIC.length) {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(SegmentFile.MAGIC), 0);
      } else {
        channel.truncate(validBytes);
      }
      channel.force(true);
    }
  }

  /**
   * Appends {@code records} and forces them to disk with a single sync; returns only once they are
   * durable. Starts a new segment first if the current one is full. Not thread-safe.
   *
   * @param nextRevision the revision of the first write among {@code records}, or the next revision
   *     if there is none; names a new segment
   * @throws IOException if writing or syncing failed; the log must not be written to again
   */
  public void write(List<LogRecord> records, long nextRevision) throws IOException {
    if (size >= segmentBytes) {
      rotate(nextRevision);
    }
    long bound = 0;
    for (LogRecord record : records) {
      bound += RecordCodec.maxEncodedSize(record);
    }
    if (bound > buffer.capacity()) {
      buffer = ByteBuffer.allocateDirect((int) Math.max(bound, 2L * buffer.capacity()));
    }
    buffer.clear();
    for (LogRecord record : records) {
      RecordCodec.encode(record, buffer);
    }
    buffer.flip();
    int length = buffer.remaining();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
    size += length;
  }

  private void rotate(long nextRevision) throws IOException {
    SegmentFile next = SegmentFile.of(directory.path(), current.sequence() + 1, nextRevision);
    FileChannel created = create(next);
    directory.sync();
    channel.close();
    channel = created;
    current = next;
    size = channel.size();
    synchronized (segments) {
      segments.add(next);
    }
  }

  private static FileChannel create(SegmentFile segment) throws IOException {
    FileChannel channel =
        FileChannel.open(segment.path(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    channel.write(ByteBuffer.wrap(SegmentFile.MAGIC));
    channel.force(true);
    return channel;
  }

  /** True if some segment holds only revisions below {@code revision} and could be deleted. */
  public boolean hasSegmentsBefore(long revision) {
    synchronized (segments) {
      return segments.size() > 1 && segments.get(1).firstRevision() <= revision;
    }
  }

  /**
   * Deletes every segment that holds only revisions below {@code revision}. Call only once a
   * snapshot for {@code revision} is durable.
   *
   * @return how many segments were deleted
   */
  public int deleteSegmentsBefore(long revision) throws IOException {
    List<SegmentFile> doomed = new ArrayList<>();
    synchronized (segments) {
      while (segments.size() > 1 && segments.get(1).firstRevision() <= revision) {
        doomed.add(segments.removeFirst());
      }
    }
    for (SegmentFile segment : doomed) {
      Files.deleteIfExists(segment.path());
    }
    if (!doomed.isEmpty()) {
      directory.sync();
    }
    return doomed.size();
  }

  /** The segments currently making up the log, oldest first. */
  public List<SegmentFile> segments() {
    synchronized (segments) {
      return List.copyOf(segments);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
