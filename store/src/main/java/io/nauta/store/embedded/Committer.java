package io.nauta.store.embedded;

import io.nauta.store.Event;
import io.nauta.store.KeyValue;
import io.nauta.store.StoreException;
import io.nauta.store.WriteResult;
import io.nauta.store.WriteResult.Outcome;
import io.nauta.store.embedded.log.LogRecord;
import io.nauta.store.embedded.log.WriteAheadLog;
import io.nauta.store.embedded.mvcc.MvccIndex;
import io.nauta.store.embedded.watch.WatchHub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread that orders, validates and persists writes (group commit).
 *
 * <p>It takes every queued request at once (up to the batch limits), checks each guard in queue
 * order against the newest state (including earlier writes of the same batch), gives each
 * successful write the next revision, appends the whole batch to the log with one sync, and only
 * then publishes the batch to readers and watches and completes the callers' futures. Concurrent
 * writers therefore share syncs, and no one ever sees a write that is not durable.
 *
 * <p>If the log cannot be written the batch fails with IO and so does every later write: after a
 * failed sync the state of the file is unknown.
 */
final class Committer {

  private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Object submitLock = new Object();
  private final MvccIndex index;
  private final WriteAheadLog wal;
  private final WatchHub hub;
  private final Maintenance maintenance;
  private final EmbeddedOptions options;
  private final Thread thread;
  // Callers' callbacks run off the committer thread, so a callback that blocks on another write
  // cannot stall or deadlock the committer; closing it waits for every completion to be delivered.
  private final ExecutorService completer =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("nauta-store-complete").factory());
  private final ThreadLocal<Boolean> completing = new ThreadLocal<>();
  private boolean stopping; // guarded by submitLock
  private volatile StoreException failure;
  private long lastRevision; // committer thread only

  Committer(
      MvccIndex index,
      WriteAheadLog wal,
      WatchHub hub,
      Maintenance maintenance,
      long lastRevision,
      EmbeddedOptions options) {
    this.index = index;
    this.wal = wal;
    this.hub = hub;
    this.maintenance = maintenance;
    this.lastRevision = lastRevision;
    this.options = options;
    this.thread = Thread.ofPlatform().name("nauta-store-committer").daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Queues {@code request}, or fails its future at once if the store is closing or broken. */
  void submit(Request request, CompletableFuture<?> future) {
    synchronized (submitLock) {
      StoreException refusal =
          stopping
              ? new StoreException(StoreException.Code.CLOSED, "the store is closed")
              : failure;
      if (refusal == null) {
        queue.add(request);
        return;
      }
      future.completeExceptionally(refusal);
    }
  }

  /**
   * Refuses new requests, finishes the queued ones and returns once every future of theirs is
   * complete.
   */
  void stop() {
    synchronized (submitLock) {
      if (stopping) {
        return;
      }
      stopping = true;
      queue.add(Request.Stop.INSTANCE);
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (completing.get() == null) {
      completer.close();
    } else {
      completer.shutdown(); // stop() called from a callback: waiting would wait for itself
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Request> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      Request next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        continue; // only stop() ends the committer, so that nothing queued is lost
      }
      long bytes = 0;
      while (next != null) {
        batch.add(next);
        if (next instanceof Request.Write write && write.value() != null) {
          bytes += write.value().length;
        }
        stop |= next == Request.Stop.INSTANCE;
        next =
            stop || batch.size() >= options.maxBatchWrites() || bytes >= options.maxBatchBytes()
                ? null
                : queue.poll();
      }
      try {
        commit(batch);
      } catch (RuntimeException | Error e) {
        LOG.error("Committer failed; the store refuses further writes", e);
        failure = new StoreException(StoreException.Code.IO, "the store failed", e);
        failAll(batch, failure);
      }
      batch.clear();
    }
  }

  private void commit(List<Request> batch) {
    if (failure != null) {
      failAll(batch, failure);
      return;
    }
    long revision = lastRevision;
    long compactTo = 0;
    List<LogRecord> records = new ArrayList<>(batch.size());
    List<Event> events = new ArrayList<>(batch.size());
    List<Runnable> completions = new ArrayList<>(batch.size());
    for (Request request : batch) {
      switch (request) {
        case Request.Write write -> {
          WriteResult result = apply(write, revision, records, events);
          if (result.ok()) {
            revision = result.revision();
          }
          completions.add(() -> write.future().complete(result));
        }
        case Request.Compact compact -> {
          if (compact.revision() > revision) {
            StoreException e =
                new StoreException(
                    StoreException.Code.FUTURE_REVISION,
                    "cannot compact to " + compact.revision() + ", newer than " + revision);
            completions.add(() -> compact.future().completeExceptionally(e));
          } else {
            if (compact.revision() > Math.max(index.compactRevision(), compactTo)) {
              records.add(new LogRecord.Compact(compact.revision()));
              compactTo = compact.revision();
            }
            completions.add(() -> compact.future().complete(null));
          }
        }
        case Request.Stop stop -> {}
      }
    }
    if (!records.isEmpty()) {
      long start = System.nanoTime();
      try {
        wal.write(records, lastRevision + 1);
      } catch (java.io.IOException e) {
        LOG.error("Writing the log failed; the store refuses further writes", e);
        failure = new StoreException(StoreException.Code.IO, "writing the log failed", e);
        failAll(batch, failure);
        return;
      }
      options.metrics().batchCommitted(events.size(), System.nanoTime() - start);
    }
    lastRevision = revision;
    hub.publish(revision, events);
    if (compactTo > 0) {
      compact(compactTo);
    }
    if (!completions.isEmpty()) {
      complete(() -> completions.forEach(Runnable::run));
    }
  }

  private WriteResult apply(
      Request.Write write, long revision, List<LogRecord> records, List<Event> events) {
    String key = write.key();
    KeyValue current = index.latest(key);
    long next = revision + 1;
    if (write.op() == Request.Op.CREATE) {
      if (current != null) {
        return new WriteResult(Outcome.ALREADY_EXISTS, current, revision);
      }
    } else if (current == null) {
      return new WriteResult(Outcome.NOT_FOUND, null, revision);
    } else if (write.expectedModRevision() != 0
        && write.expectedModRevision() != current.modRevision()) {
      return new WriteResult(Outcome.CONFLICT, current, revision);
    }
    if (write.op() == Request.Op.DELETE) {
      events.add(index.delete(next, key));
      records.add(new LogRecord.Delete(next, key));
      return new WriteResult(Outcome.OK, current, next);
    }
    Event event = index.put(next, key, write.value());
    events.add(event);
    records.add(new LogRecord.Put(next, key, write.value()));
    return new WriteResult(Outcome.OK, event.kv(), next);
  }

  private void compact(long revision) {
    index.compact(revision);
    options.metrics().compacted(revision);
    if (wal.hasSegmentsBefore(revision)) {
      // Captured here, between batches, so the snapshot is exactly the state at revision - 1.
      maintenance.scheduleSnapshot(revision, index.liveAt(revision - 1));
    }
  }

  /** Runs callers' completions on a completer thread. */
  private void complete(Runnable completions) {
    completer.execute(
        () -> {
          completing.set(Boolean.TRUE);
          completions.run();
        });
  }

  private void failAll(List<Request> batch, StoreException error) {
    List<Request> failed = List.copyOf(batch);
    complete(
        () -> {
          for (Request request : failed) {
            switch (request) {
              case Request.Write write -> write.future().completeExceptionally(error);
              case Request.Compact compact -> compact.future().completeExceptionally(error);
              case Request.Stop stop -> {}
            }
          }
        });
  }
}
