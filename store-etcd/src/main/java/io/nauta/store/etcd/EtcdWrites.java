package io.nauta.store.etcd;

import com.google.protobuf.ByteString;
import io.nauta.store.KeyValue;
import io.nauta.store.WriteResult;
import io.nauta.store.WriteResult.Outcome;
import io.nauta.store.etcd.wire.Compare;
import io.nauta.store.etcd.wire.DeleteRangeRequest;
import io.nauta.store.etcd.wire.PutRequest;
import io.nauta.store.etcd.wire.RangeRequest;
import io.nauta.store.etcd.wire.RequestOp;
import io.nauta.store.etcd.wire.TxnRequest;
import io.nauta.store.etcd.wire.TxnResponse;

/**
 * The guarded writes as etcd transactions, and their answers as {@link WriteResult}s. Every write
 * is one transaction: if the guard (a compare on the key's create or mod revision) holds, the put
 * or delete; otherwise a read of the key, so a failed write reports the current version in the same
 * round trip and takes no revision.
 */
final class EtcdWrites {

  private final EtcdKeys keys;

  EtcdWrites(EtcdKeys keys) {
    this.keys = keys;
  }

  TxnRequest create(String key, byte[] value) {
    ByteString etcdKey = keys.key(key);
    return TxnRequest.newBuilder()
        .addCompare(
            Compare.newBuilder()
                .setKey(etcdKey)
                .setTarget(Compare.CompareTarget.CREATE)
                .setResult(Compare.CompareResult.EQUAL)
                .setCreateRevision(0))
        .addSuccess(put(etcdKey, value))
        .addFailure(read(etcdKey))
        .build();
  }

  WriteResult created(String key, byte[] value, TxnResponse response) {
    long revision = response.getHeader().getRevision();
    if (response.getSucceeded()) {
      return new WriteResult(Outcome.OK, new KeyValue(key, value, revision, revision, 1), revision);
    }
    return new WriteResult(Outcome.ALREADY_EXISTS, current(response), revision);
  }

  TxnRequest update(String key, byte[] value, long expectedModRevision) {
    ByteString etcdKey = keys.key(key);
    return TxnRequest.newBuilder()
        .addCompare(guard(etcdKey, expectedModRevision))
        .addSuccess(put(etcdKey, value))
        .addFailure(read(etcdKey))
        .build();
  }

  WriteResult updated(String key, byte[] value, TxnResponse response) {
    long revision = response.getHeader().getRevision();
    if (response.getSucceeded()) {
      var previous = response.getResponses(0).getResponsePut().getPrevKv();
      return new WriteResult(
          Outcome.OK,
          new KeyValue(
              key, value, previous.getCreateRevision(), revision, previous.getVersion() + 1),
          revision);
    }
    return failed(response);
  }

  TxnRequest delete(String key, long expectedModRevision) {
    ByteString etcdKey = keys.key(key);
    return TxnRequest.newBuilder()
        .addCompare(guard(etcdKey, expectedModRevision))
        .addSuccess(
            RequestOp.newBuilder()
                .setRequestDeleteRange(
                    DeleteRangeRequest.newBuilder().setKey(etcdKey).setPrevKv(true)))
        .addFailure(read(etcdKey))
        .build();
  }

  WriteResult deleted(TxnResponse response) {
    long revision = response.getHeader().getRevision();
    if (response.getSucceeded()) {
      var previous = response.getResponses(0).getResponseDeleteRange().getPrevKvs(0);
      return new WriteResult(Outcome.OK, keys.keyValue(previous), revision);
    }
    return failed(response);
  }

  /** The key exists and, if {@code expectedModRevision} is not 0, was last written then. */
  private static Compare guard(ByteString etcdKey, long expectedModRevision) {
    Compare.Builder compare = Compare.newBuilder().setKey(etcdKey);
    if (expectedModRevision == 0) {
      return compare
          .setTarget(Compare.CompareTarget.CREATE)
          .setResult(Compare.CompareResult.GREATER)
          .setCreateRevision(0)
          .build();
    }
    return compare
        .setTarget(Compare.CompareTarget.MOD)
        .setResult(Compare.CompareResult.EQUAL)
        .setModRevision(expectedModRevision)
        .build();
  }

  private WriteResult failed(TxnResponse response) {
    KeyValue current = current(response);
    return new WriteResult(
        current == null ? Outcome.NOT_FOUND : Outcome.CONFLICT,
        current,
        response.getHeader().getRevision());
  }

  private KeyValue current(TxnResponse response) {
    var range = response.getResponses(0).getResponseRange();
    return range.getKvsCount() == 0 ? null : keys.keyValue(range.getKvs(0));
  }

  private static RequestOp put(ByteString etcdKey, byte[] value) {
    return RequestOp.newBuilder()
        .setRequestPut(
            PutRequest.newBuilder()
                .setKey(etcdKey)
                .setValue(ByteString.copyFrom(value))
                .setPrevKv(true))
        .build();
  }

  private static RequestOp read(ByteString etcdKey) {
    return RequestOp.newBuilder()
        .setRequestRange(RangeRequest.newBuilder().setKey(etcdKey))
        .build();
  }
}
