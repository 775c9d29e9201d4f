package io.nauta.scheduler.framework;

import java.util.List;

/**
 * A plugin's verdict. Failures carry the reasons users see in FailedScheduling events.
 *
 * @param code the outcome
 * @param reasons why, e.g. {@code Insufficient cpu}; empty on success
 * @param plugin the plugin that decided, or empty
 */
public record Status(Code code, List<String> reasons, String plugin) {
  /** Outcomes, as Kubernetes' framework names them. */
  public enum Code {
    SUCCESS,
    /** The pod does not fit now; preemption might help. */
    UNSCHEDULABLE,
    /** The pod does not fit and preemption cannot change that (e.g. a node selector). */
    UNSCHEDULABLE_AND_UNRESOLVABLE,
    /** The plugin has nothing to do for this pod. */
    SKIP,
    /** Something went wrong; the pod is retried. */
    ERROR,
    /** A Permit plugin holds the pod until it is allowed or rejected. */
    WAIT
  }

  public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), "");

  public Status {
    reasons = List.copyOf(reasons);
  }

  public static Status unschedulable(String plugin, String... reasons) {
    return new Status(Code.UNSCHEDULABLE, List.of(reasons), plugin);
  }

  public static Status unresolvable(String plugin, String... reasons) {
    return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), plugin);
  }

  public static Status error(String plugin, String reason) {
    return new Status(Code.ERROR, List.of(reason), plugin);
  }

  public static Status waiting(String plugin) {
    return new Status(Code.WAIT, List.of(), plugin);
  }

  /** The reasons joined, as one message. */
  public String message() {
    return String.join(", ", reasons);
  }

  public boolean isSuccess() {
    return code == Code.SUCCESS || code == Code.SKIP;
  }
}
