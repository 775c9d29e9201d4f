package io.nauta.store.embedded.log;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of the write-ahead log, named {@code <sequence>-<firstRevision>.wal}.
 *
 * @param sequence position among the segments, increasing by one per segment
 * @param firstRevision the lowest revision the segment can hold: the store's revision plus one when
 *     the segment was started; every record in earlier segments has a lower revision
 * @param path where the segment lives
 */
public record SegmentFile(long sequence, long firstRevision, Path path) {

  /** The eight bytes every segment starts with. */
  static final byte[] MAGIC = {'N', 'A', 'U', 'T', 'A', 'W', 'L', '1'};

  private static final Pattern NAME = Pattern.compile("(\\d{16})-(\\d{19})\\.wal");

  /** The segment {@code sequence} starting at {@code firstRevision} in {@code directory}. */
  public static SegmentFile of(Path directory, long sequence, long firstRevision) {
    String name = String.format("%016d-%019d.wal", sequence, firstRevision);
    return new SegmentFile(sequence, firstRevision, directory.resolve(name));
  }

  /** The segment a file name denotes, or empty for any other file. */
  public static Optional<SegmentFile> parse(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new SegmentFile(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), file));
  }
}
