/**
 * The scheduling framework: a runtime that runs plugins at fixed extension points (PreFilter,
 * Filter, PreScore, Score with normalisation) over a snapshot of nodes and answers the chosen node
 * or a {@link io.nauta.scheduler.framework.FitError} saying, per reason, how many nodes failed.
 * Plugins share per-cycle data through {@link io.nauta.scheduler.framework.CycleState}.
 */
package io.nauta.scheduler.framework;
