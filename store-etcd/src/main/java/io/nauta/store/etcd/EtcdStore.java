package io.nauta.store.etcd;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RangeResult;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import io.nauta.store.WriteResult;
import io.nauta.store.etcd.wire.CompactionRequest;
import io.nauta.store.etcd.wire.KVGrpc;
import io.nauta.store.etcd.wire.RangeResponse;
import io.nauta.store.etcd.wire.TxnRequest;
import io.nauta.store.etcd.wire.TxnResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link Store} contract over an etcd v3 cluster. Revisions are etcd's: a store sharing a
 * cluster with other clients sees their writes advance the revision too. Reads are linearizable
 * (they go through the raft leader), so a read after an acknowledged write — from any store on the
 * same cluster — sees it. Requests that get no answer within {@link EtcdOptions#requestTimeout()}
 * (no quorum) fail with IO instead of hanging.
 */
public final class EtcdStore implements Store {

  /**
   * How many writes one store has outstanding at etcd; more wait in the store. etcd refuses
   * requests ("too many requests") when its applier falls far behind its raft log, so a client
   * pipelining thousands of writes must queue them itself.
   */
  private static final int MAX_WRITES_IN_FLIGHT = 128;

  private final EtcdOptions options;
  private final EtcdKeys keys;
  private final ManagedChannel channel;
  private final EtcdWrites writes;
  private final AtomicLong knownCompactRevision = new AtomicLong();
  private final WriteQueue writeQueue = new WriteQueue(MAX_WRITES_IN_FLIGHT);
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private EtcdStore(EtcdOptions options) {
    this.options = options;
    this.keys = new EtcdKeys(options.keyPrefix());
    this.channel = EtcdChannels.open(options);
    this.writes = new EtcdWrites(keys);
  }

  /**
   * Connects to the cluster and checks that it answers.
   *
   * @throws StoreException IO if no member answers a read within the request timeout
   */
  public static EtcdStore open(EtcdOptions options) {
    EtcdStore store = new EtcdStore(options);
    try {
      store.currentRevision();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public EtcdOptions options() {
    return options;
  }

  @Override
  public long currentRevision() {
    return read(key("\0", 0, true)).getHeader().getRevision();
  }

  @Override
  public long compactRevision() {
    long known = knownCompactRevision.get();
    if (readable(Math.max(known, 1))) {
      return known;
    }
    // someone else compacted further: the compact revision is the oldest readable one
    long low = Math.max(known, 1);
    long high = currentRevision();
    while (low + 1 < high) {
      long middle = low + (high - low) / 2;
      if (readable(middle)) {
        high = middle;
      } else {
        low = middle;
      }
    }
    knownCompactRevision.accumulateAndGet(high, Math::max);
    return high;
  }

  private boolean readable(long revision) {
    try {
      read(key("\0", revision, true));
      return true;
    } catch (StoreException e) {
      if (e.code() == StoreException.Code.COMPACTED) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public KeyValue get(String key) {
    RangeResponse response = read(key(key, 0, false));
    return response.getKvsCount() == 0 ? null : keys.keyValue(response.getKvs(0));
  }

  @Override
  public RangeResult range(RangeRequest request) {
    if (request.limit() < 0 || request.revision() < 0) {
      throw new StoreException(StoreException.Code.INVALID, "negative limit or revision");
    }
    var etcdRequest =
        io.nauta.store.etcd.wire.RangeRequest.newBuilder()
            .setKey(
                request.startKey() == null || request.startKey().compareTo(request.prefix()) < 0
                    ? keys.rangeStart(request.prefix())
                    : keys.key(request.startKey()))
            .setRangeEnd(keys.rangeEnd(request.prefix()))
            .setLimit(request.limit())
            .setRevision(request.revision())
            .build();
    RangeResponse response = read(etcdRequest);
    List<KeyValue> items = new ArrayList<>(response.getKvsCount());
    response.getKvsList().forEach(kv -> items.add(keys.keyValue(kv)));
    long remaining = Math.max(0, response.getCount() - items.size());
    return new RangeResult(
        List.copyOf(items),
        response.getMore(),
        response.getMore() ? remaining : 0,
        request.revision() > 0 ? request.revision() : response.getHeader().getRevision());
  }

  @Override
  public CompletableFuture<WriteResult> create(String key, byte[] value) {
    return write(key, value, () -> writes.create(key, value), r -> writes.created(key, value, r));
  }

  @Override
  public CompletableFuture<WriteResult> update(String key, byte[] value, long expectedModRevision) {
    return write(
        key,
        value,
        () -> writes.update(key, value, expectedModRevision),
        r -> writes.updated(key, value, r));
  }

  @Override
  public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
    return write(key, new byte[0], () -> writes.delete(key, expectedModRevision), writes::deleted);
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    checkOpen();
    EtcdWatch watch =
        new EtcdWatch(
            channel, keys, prefix, afterRevision, listener, options.watchQueueLimit(), watches);
    watches.add(watch);
    watch.start();
    return watch;
  }

  @Override
  public void compact(long revision) {
    if (revision <= knownCompactRevision.get()) {
      return;
    }
    long current = currentRevision();
    if (revision > current) {
      throw new StoreException(
          StoreException.Code.FUTURE_REVISION,
          "cannot compact to " + revision + ": the current revision is " + current);
    }
    try {
      call(
          () ->
              kv(2)
                  .compact(
                      CompactionRequest.newBuilder()
                          .setRevision(revision)
                          .setPhysical(true)
                          .build()),
          false);
    } catch (StoreException e) {
      if (e.code() != StoreException.Code.COMPACTED) {
        throw e;
      }
      // already compacted at or beyond it: a no-op, as the contract says
      return;
    }
    knownCompactRevision.accumulateAndGet(revision, Math::max);
  }

  @Override
  public void close() {
    closed = true;
    for (EtcdWatch watch : watches) {
      watch.end(new StoreException(StoreException.Code.CLOSED, "the store is closed"));
    }
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private io.nauta.store.etcd.wire.RangeRequest key(String key, long revision, boolean countOnly) {
    return io.nauta.store.etcd.wire.RangeRequest.newBuilder()
        .setKey(keys.key(key))
        .setRevision(revision)
        .setCountOnly(countOnly)
        .build();
  }

  private RangeResponse read(io.nauta.store.etcd.wire.RangeRequest request) {
    return call(() -> kv(1).range(request), true);
  }

  /** A blocking stub whose deadline is {@code factor} request timeouts from now. */
  private KVGrpc.KVBlockingStub kv(int factor) {
    return KVGrpc.newBlockingStub(channel)
        .withDeadlineAfter(options.requestTimeout().toMillis() * factor, TimeUnit.MILLISECONDS);
  }

  private <T> T call(Supplier<T> rpc, boolean retry) {
    checkOpen();
    long deadline = System.nanoTime() + options.requestTimeout().toNanos();
    while (true) {
      try {
        return rpc.get();
      } catch (RuntimeException e) {
        if (closed) {
          throw new StoreException(StoreException.Code.CLOSED, "the store is closed", e);
        }
        // a read that met a member going away is safe to repeat on another member
        if (!retry || !EtcdErrors.retryable(e) || System.nanoTime() > deadline) {
          throw EtcdErrors.of(e, options.requestTimeout());
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(StoreException.Code.CLOSED, "interrupted");
    }
  }

  private CompletableFuture<WriteResult> write(
      String key,
      byte[] value,
      Supplier<TxnRequest> request,
      Function<TxnResponse, WriteResult> outcome) {
    CompletableFuture<WriteResult> result = new CompletableFuture<>();
    try {
      checkOpen();
      validate(key, value);
      TxnRequest txn = request.get();
      writeQueue.submit(() -> send(txn, outcome, result, 0));
    } catch (RuntimeException e) {
      result.completeExceptionally(EtcdErrors.of(e, options.requestTimeout()));
    }
    return result;
  }

  private void send(
      TxnRequest txn,
      Function<TxnResponse, WriteResult> outcome,
      CompletableFuture<WriteResult> result,
      int attempt) {
    ListenableFuture<TxnResponse> call;
    try {
      checkOpen();
      call =
          KVGrpc.newFutureStub(channel)
              .withDeadlineAfter(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
              .txn(txn);
    } catch (RuntimeException e) {
      writeQueue.done();
      result.completeExceptionally(EtcdErrors.of(e, options.requestTimeout()));
      return;
    }
    Futures.addCallback(
        call,
        new FutureCallback<>() {
          @Override
          public void onSuccess(TxnResponse response) {
            writeQueue.done();
            try {
              result.complete(outcome.apply(response));
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          }

          @Override
          public void onFailure(Throwable failure) {
            if (!closed && EtcdErrors.overloaded(failure) && attempt < 100) {
              // etcd refused the request before proposing it: safe to send again, a bit later
              CompletableFuture.delayedExecutor(10L * (attempt + 1), TimeUnit.MILLISECONDS)
                  .execute(() -> send(txn, outcome, result, attempt + 1));
              return;
            }
            writeQueue.done();
            result.completeExceptionally(
                closed
                    ? new StoreException(StoreException.Code.CLOSED, "the store is closed")
                    : EtcdErrors.of(failure, options.requestTimeout()));
          }
        },
        MoreExecutors.directExecutor());
  }

  private void validate(String key, byte[] value) {
    if (key == null || key.isEmpty()) {
      throw new StoreException(StoreException.Code.INVALID, "empty key");
    }
    if (value == null) {
      throw new StoreException(StoreException.Code.INVALID, "null value for " + key);
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > options.maxKeyBytes()) {
      throw new StoreException(StoreException.Code.INVALID, "key over the size limit: " + key);
    }
    if (value.length > options.maxValueBytes()) {
      throw new StoreException(
          StoreException.Code.INVALID,
          "value of " + key + " is " + value.length + " bytes, over " + options.maxValueBytes());
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreException(StoreException.Code.CLOSED, "the store is closed");
    }
  }
}
