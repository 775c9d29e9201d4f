package io.nauta.store.etcd;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.nauta.store.StoreException;
import java.time.Duration;

/** Turns etcd's gRPC errors into the store contract's {@link StoreException} codes. */
final class EtcdErrors {

  private EtcdErrors() {}

  static StoreException of(Throwable failure, Duration timeout) {
    if (failure instanceof StoreException known) {
      return known;
    }
    Status status = Status.fromThrowable(failure);
    String message = status.getDescription() == null ? "" : status.getDescription();
    if (message.contains("required revision has been compacted")) {
      return new StoreException(StoreException.Code.COMPACTED, message, failure);
    }
    if (message.contains("required revision is a future revision")) {
      return new StoreException(StoreException.Code.FUTURE_REVISION, message, failure);
    }
    return switch (status.getCode()) {
      case DEADLINE_EXCEEDED ->
          new StoreException(
              StoreException.Code.IO,
              "etcd did not answer within "
                  + timeout.toMillis()
                  + " ms (is a majority of its members up?)",
              failure);
      case UNAVAILABLE ->
          new StoreException(
              StoreException.Code.IO, "etcd is unavailable: " + describe(status), failure);
      case INVALID_ARGUMENT, RESOURCE_EXHAUSTED ->
          new StoreException(StoreException.Code.INVALID, "etcd: " + describe(status), failure);
      case CANCELLED -> new StoreException(StoreException.Code.CLOSED, "etcd request cancelled");
      default -> new StoreException(StoreException.Code.IO, "etcd: " + describe(status), failure);
    };
  }

  /** True for failures after which the same read may succeed on another member. */
  static boolean retryable(Throwable failure) {
    return failure instanceof StatusRuntimeException e
        && e.getStatus().getCode() == Status.Code.UNAVAILABLE;
  }

  /** True if etcd refused a request before proposing it, because it is overloaded. */
  static boolean overloaded(Throwable failure) {
    String message = Status.fromThrowable(failure).getDescription();
    return message != null && message.contains("too many requests");
  }

  private static String describe(Status status) {
    return status.getCode()
        + (status.getDescription() == null ? "" : " " + status.getDescription())
        + (status.getCause() == null ? "" : " (" + status.getCause().getMessage() + ")");
  }
}
