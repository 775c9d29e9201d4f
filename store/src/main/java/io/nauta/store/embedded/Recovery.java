package io.nauta.store.embedded;

import io.nauta.store.embedded.log.CorruptLogException;
import io.nauta.store.embedded.log.DataDirectory;
import io.nauta.store.embedded.log.LogRecord;
import io.nauta.store.embedded.log.SegmentFile;
import io.nauta.store.embedded.log.SegmentReader;
import io.nauta.store.embedded.log.SnapshotFile;
import io.nauta.store.embedded.log.WriteAheadLog;
import io.nauta.store.embedded.mvcc.MvccIndex;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a store's state from its directory: the newest snapshot, then every log record from the
 * snapshot's compact revision on.
 *
 * <p>A damaged tail of the last segment is cut off: it can only be a write torn by a crash, which
 * was never acknowledged because acknowledgement waits for the sync. Damage anywhere else, or a gap
 * in the revisions, is corruption and stops the store from opening rather than silently losing
 * acknowledged writes.
 */
final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /**
   * The recovered state.
   *
   * @param index the state, every version of it published
   * @param lastRevision the newest revision written
   * @param segments the log's segments, ready for appending to the last
   */
  record Result(MvccIndex index, long lastRevision, List<SegmentFile> segments) {}

  private MvccIndex index;
  private long lastRevision;
  private long maxCompaction;
  private long records;

  private Recovery() {}

  static Result run(DataDirectory directory) throws IOException {
    return new Recovery().recover(directory);
  }

  private Result recover(DataDirectory directory) throws IOException {
    long start = System.nanoTime();
    directory.deleteTemporaryFiles();
    Optional<SnapshotFile> snapshot = directory.latestSnapshot();
    if (snapshot.isPresent()) {
      SnapshotFile.Contents contents = snapshot.get().read();
      index = MvccIndex.restore(contents.compactRevision(), contents.keys());
      lastRevision = contents.compactRevision() - 1;
    } else {
      index = new MvccIndex();
    }
    long snapshotRevision = index.compactRevision();
    List<SegmentFile> segments = directory.segments();
    for (int i = 0; i < segments.size(); i++) {
      SegmentFile segment = segments.get(i);
      SegmentReader.Scan scan = SegmentReader.scan(segment, this::apply);
      if (scan.intact()) {
        continue;
      }
      if (i < segments.size() - 1) {
        throw new CorruptLogException(
            segment.path() + " is damaged at byte " + scan.validBytes() + ": " + scan.damage());
      }
      LOG.warn(
          "Cutting the unacknowledged tail off {} at byte {}: {}",
          segment.path(),
          scan.validBytes(),
          scan.damage());
      WriteAheadLog.repairTail(segment, scan.validBytes());
    }
    if (snapshotRevision > 0 && lastRevision < snapshotRevision) {
      throw new CorruptLogException(
          "the log ends at revision "
              + lastRevision
              + ", before the snapshot at "
              + snapshotRevision);
    }
    index.compact(maxCompaction);
    LOG.info(
        "Recovered {} to revision {} (compacted to {}) from {} log records in {} ms",
        directory.path(),
        lastRevision,
        index.compactRevision(),
        records,
        (System.nanoTime() - start) / 1_000_000);
    return new Result(index, lastRevision, segments);
  }

  private void apply(LogRecord record) throws CorruptLogException {
    switch (record) {
      case LogRecord.Put put -> {
        if (accept(put.revision())) {
          index.put(put.revision(), put.key(), put.value());
        }
      }
      case LogRecord.Delete delete -> {
        if (accept(delete.revision())) {
          if (index.latest(delete.key()) == null) {
            throw new CorruptLogException(
                "revision " + delete.revision() + " deletes missing key " + delete.key());
          }
          index.delete(delete.revision(), delete.key());
        }
      }
      // Compactions commute with later writes, so applying only the newest, once, is the same.
      case LogRecord.Compact compact -> maxCompaction = Math.max(maxCompaction, compact.revision());
    }
  }

  /** True if the record at {@code revision} must be applied; false if the snapshot holds it. */
  private boolean accept(long revision) throws CorruptLogException {
    if (revision <= lastRevision && revision < index.compactRevision()) {
      return false;
    }
    if (revision != lastRevision + 1) {
      throw new CorruptLogException(
          "the log jumps from revision " + lastRevision + " to " + revision);
    }
    lastRevision = revision;
    records++;
    return true;
  }
}
