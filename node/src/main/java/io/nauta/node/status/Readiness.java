package io.nauta.node.status;

/**
 * Whether the node can run pods now, and if not why (shown as the Ready condition's message).
 *
 * @param ready true when the container runtime answers and the network is set up
 * @param reason why not, e.g. {@code container runtime is down}; empty when ready
 */
public record Readiness(boolean ready, String reason) {
  public static final Readiness READY = new Readiness(true, "");

  public static Readiness notReady(String reason) {
    return new Readiness(false, reason);
  }
}
