package io.nauta.apiserver.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RangeResult;
import io.nauta.store.Store;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import io.nauta.store.WriteResult;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Store} that counts operations by kind and outcome ({@code
 * nauta_store_operations_total}).
 */
public final class MeteredStore implements Store {
  private final Store delegate;
  private final MeterRegistry registry;

  public MeteredStore(Store delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  private void count(String op, String outcome) {
    registry.counter("nauta.store.operations", "operation", op, "outcome", outcome).increment();
  }

  private CompletableFuture<WriteResult> counted(String op, CompletableFuture<WriteResult> f) {
    return f.whenComplete((r, e) -> count(op, e != null ? "error" : r.outcome().name()));
  }

  @Override
  public long currentRevision() {
    return delegate.currentRevision();
  }

  @Override
  public long compactRevision() {
    return delegate.compactRevision();
  }

  @Override
  public KeyValue get(String key) {
    KeyValue kv = delegate.get(key);
    count("get", kv == null ? "NOT_FOUND" : "OK");
    return kv;
  }

  @Override
  public KeyValue peek(String key) {
    KeyValue kv = delegate.peek(key);
    count("peek", kv == null ? "NOT_FOUND" : "OK");
    return kv;
  }

  @Override
  public RangeResult range(RangeRequest request) {
    try {
      RangeResult r = delegate.range(request);
      count("range", "OK");
      return r;
    } catch (RuntimeException e) {
      count("range", "error");
      throw e;
    }
  }

  @Override
  public CompletableFuture<WriteResult> create(String key, byte[] value) {
    return counted("create", delegate.create(key, value));
  }

  @Override
  public CompletableFuture<WriteResult> update(String key, byte[] value, long expectedModRevision) {
    return counted("update", delegate.update(key, value, expectedModRevision));
  }

  @Override
  public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
    return counted("delete", delegate.delete(key, expectedModRevision));
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    count("watch", "OK");
    return delegate.watch(prefix, afterRevision, listener);
  }

  @Override
  public void compact(long revision) {
    delegate.compact(revision);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
