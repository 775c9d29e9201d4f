package io.nauta.apiserver.registry;

/** Which part of an object an update writes, and so which rules apply. */
public enum UpdatePart {
  /** The main resource (PUT/PATCH): status is kept, the strategy prepares and validates. */
  MAIN,
  /** The status subresource: only status is taken from the new object. */
  STATUS,
  /**
   * A server-side operation that has checked its own rules (binding, namespace finalize): the new
   * object is taken whole, including status, with no strategy preparation or validation; metadata
   * is still validated.
   */
  DIRECT
}
