/**
 * Prometheus metrics of the store: operations by kind and outcome, group-commit batches and sync
 * latency, compactions, snapshots and abnormally ended watches.
 */
package io.nauta.apiserver.metrics;
