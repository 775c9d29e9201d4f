/**
 * Container lifecycle hooks as a kubelet runs them: a {@code postStart} or {@code preStop} handler
 * ({@code exec} in the container, {@code httpGet} against the pod, {@code sleep}) run once, within
 * a time bound, with its failure described for the FailedPostStartHook / FailedPreStopHook events;
 * and the time left of a termination grace period after a preStop hook.
 */
package io.nauta.node.lifecycle;
