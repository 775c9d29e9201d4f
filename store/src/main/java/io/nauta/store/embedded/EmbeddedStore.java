package io.nauta.store.embedded;

import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RangeResult;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import io.nauta.store.WriteResult;
import io.nauta.store.embedded.log.DataDirectory;
import io.nauta.store.embedded.log.WriteAheadLog;
import io.nauta.store.embedded.mvcc.MvccIndex;
import io.nauta.store.embedded.watch.WatchHub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A durable {@link Store} in one directory of the local file system: a write-ahead log with group
 * commit, an in-memory multi-version index, snapshots at compactions.
 *
 * <p>A write's future completes once the write is synced to disk and visible, so an acknowledged
 * write survives the process being killed. Only one store (in any process) can have a directory
 * open. All methods are thread-safe; see {@code docs/adr/0001-embedded-store.md} for the design.
 *
 * <p>Value arrays are kept, not copied: a caller must not modify an array after passing it in, nor
 * one it reads out. Writes with an empty key, a null value, or a key or value over the limits of
 * {@link EmbeddedOptions} fail their future with INVALID. Futures complete on a store thread that
 * is not the committer, so a callback may block (even on another write) without stalling the store.
 */
public final class EmbeddedStore implements Store {

  private final DataDirectory directory;
  private final WriteAheadLog wal;
  private final MvccIndex index;
  private final WatchHub hub;
  private final Committer committer;
  private final Maintenance maintenance;
  private final EmbeddedOptions options;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedStore(
      DataDirectory directory, Recovery.Result recovered, WriteAheadLog wal, EmbeddedOptions opts) {
    this.directory = directory;
    this.wal = wal;
    this.index = recovered.index();
    this.options = opts;
    this.hub =
        new WatchHub(index, recovered.lastRevision(), opts.watchQueueLimit(), opts.metrics());
    this.maintenance = new Maintenance(directory, wal, opts);
    this.committer = new Committer(index, wal, hub, maintenance, recovered.lastRevision(), options);
  }

  /** Opens (creating if needed) the store in {@code directory} with default options. */
  public static EmbeddedStore open(Path directory) {
    return open(directory, EmbeddedOptions.defaults());
  }

  /**
   * Opens (creating if needed) the store in {@code directory}, recovering everything acknowledged
   * before the last shutdown or crash.
   *
   * @throws StoreException with code IO if the directory is in use by another store, or cannot be
   *     read, or holds damaged files
   */
  public static EmbeddedStore open(Path directory, EmbeddedOptions options) {
    DataDirectory data = null;
    try {
      data = DataDirectory.open(directory);
      Recovery.Result recovered = Recovery.run(data);
      WriteAheadLog wal =
          WriteAheadLog.open(
              data, recovered.segments(), recovered.lastRevision() + 1, options.segmentBytes());
      EmbeddedStore store = new EmbeddedStore(data, recovered, wal, options);
      store.committer.start();
      store.maintenance.startCompactor(store);
      return store;
    } catch (IOException | RuntimeException e) {
      if (data != null) {
        try {
          data.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof StoreException storeException) {
        throw storeException;
      }
      throw new StoreException(StoreException.Code.IO, "cannot open store in " + directory, e);
    }
  }

  /** The directory the store lives in. */
  public Path directory() {
    return directory.path();
  }

  @Override
  public long currentRevision() {
    return hub.revision();
  }

  @Override
  public long compactRevision() {
    return index.compactRevision();
  }

  @Override
  public KeyValue get(String key) {
    ensureOpen();
    if (key == null) {
      throw new StoreException(StoreException.Code.INVALID, "key must not be null");
    }
    return index.get(key, hub.revision());
  }

  @Override
  public RangeResult range(RangeRequest request) {
    ensureOpen();
    if (request.prefix() == null || request.limit() < 0 || request.revision() < 0) {
      throw new StoreException(StoreException.Code.INVALID, "malformed range " + request);
    }
    long current = hub.revision();
    long revision = request.revision() == 0 ? current : request.revision();
    if (revision > current) {
      throw new StoreException(
          StoreException.Code.FUTURE_REVISION,
          "revision " + revision + " is newer than the current " + current);
    }
    return index.range(request.prefix(), request.startKey(), request.limit(), revision);
  }

  @Override
  public CompletableFuture<WriteResult> create(String key, byte[] value) {
    return write(Request.Op.CREATE, key, value, 0);
  }

  @Override
  public CompletableFuture<WriteResult> update(String key, byte[] value, long expectedModRevision) {
    return write(Request.Op.UPDATE, key, value, expectedModRevision);
  }

  @Override
  public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
    return write(Request.Op.DELETE, key, null, expectedModRevision);
  }

  // Invalid arguments fail the future rather than throw, so callers handle one error path.
  private CompletableFuture<WriteResult> write(
      Request.Op op, String key, byte[] value, long expectedModRevision) {
    CompletableFuture<WriteResult> future = new CompletableFuture<>();
    String problem = validate(op, key, value, expectedModRevision);
    if (problem != null) {
      future.completeExceptionally(new StoreException(StoreException.Code.INVALID, problem));
      return future;
    }
    committer.submit(new Request.Write(op, key, value, expectedModRevision, future), future);
    return future;
  }

  private String validate(Request.Op op, String key, byte[] value, long expectedModRevision) {
    if (key == null || key.isEmpty()) {
      return "key must not be empty";
    }
    if (key.length() > options.maxKeyBytes()
        || key.getBytes(StandardCharsets.UTF_8).length > options.maxKeyBytes()) {
      return "key is longer than " + options.maxKeyBytes() + " bytes";
    }
    if (op != Request.Op.DELETE && value == null) {
      return "value must not be null";
    }
    if (value != null && value.length > options.maxValueBytes()) {
      return "value of "
          + value.length
          + " bytes is larger than the limit of "
          + options.maxValueBytes();
    }
    return expectedModRevision < 0 ? "expected revision must not be negative" : null;
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    if (prefix == null || listener == null || afterRevision < 0) {
      throw new StoreException(StoreException.Code.INVALID, "malformed watch of " + prefix);
    }
    return hub.watch(prefix, afterRevision, listener);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Returns once the compaction is durable and applied; old log segments are reclaimed later, in
   * the background.
   *
   * @throws StoreException with code FUTURE_REVISION if {@code revision} is above {@link
   *     #currentRevision()}
   */
  @Override
  public void compact(long revision) {
    ensureOpen();
    if (revision <= index.compactRevision()) {
      return;
    }
    if (revision > hub.revision()) {
      throw new StoreException(
          StoreException.Code.FUTURE_REVISION,
          "cannot compact to " + revision + ", newer than the current " + hub.revision());
    }
    CompletableFuture<Void> future = new CompletableFuture<>();
    committer.submit(new Request.Compact(revision, future), future);
    try {
      future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof StoreException cause
          ? new StoreException(cause.code(), cause.getMessage(), cause)
          : e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Writes queued before the call complete normally; later ones fail with CLOSED. Watches end
   * with CLOSED. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    committer.stop();
    maintenance.close();
    hub.close();
    try (DataDirectory data = directory;
        WriteAheadLog log = wal) {
      // Closing is all there is to do; the log was synced by every batch.
    } catch (IOException e) {
      throw new StoreException(
          StoreException.Code.IO, "closing " + directory.path() + " failed", e);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new StoreException(StoreException.Code.CLOSED, "the store is closed");
    }
  }
}
