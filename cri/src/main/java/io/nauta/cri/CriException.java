package io.nauta.cri;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * A CRI call that did not succeed: the runtime answered with an error status, the deadline passed,
 * or the socket could not be reached. Carries the gRPC status code, the CRI operation and the id of
 * the object it concerns, so callers can tell "not found" (an expected outcome after a restart)
 * from a real failure.
 */
public final class CriException extends RuntimeException {
  private final Status.Code code;
  private final String operation;
  private final String target;

  public CriException(Status.Code code, String operation, String target, String message) {
    this(code, operation, target, message, null);
  }

  public CriException(
      Status.Code code, String operation, String target, String message, Throwable cause) {
    super(operation + (target.isEmpty() ? "" : " " + target) + ": " + code + ": " + message, cause);
    this.code = code;
    this.operation = operation;
    this.target = target;
  }

  static CriException of(String operation, String target, StatusRuntimeException e) {
    Status status = e.getStatus();
    String description = status.getDescription() == null ? "" : status.getDescription();
    return new CriException(status.getCode(), operation, target, description, e);
  }

  /** The gRPC status code the runtime answered with (DEADLINE_EXCEEDED, UNAVAILABLE, ...). */
  public Status.Code code() {
    return code;
  }

  /** The CRI method, e.g. {@code StartContainer}. */
  public String operation() {
    return operation;
  }

  /** The id or image name the call concerned; empty when the call concerned none. */
  public String target() {
    return target;
  }

  /** Whether the runtime reported that the object does not exist. */
  public boolean isNotFound() {
    return code == Status.Code.NOT_FOUND;
  }
}
