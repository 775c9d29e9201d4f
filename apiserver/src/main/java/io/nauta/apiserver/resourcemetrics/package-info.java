/**
 * Resource metrics, what metrics-server does, built into the API server: {@link
 * io.nauta.apiserver.resourcemetrics.SummaryScraper} reads every Ready node's stats summary (the
 * agent's {@code /stats/summary}, or synthetic usage for simulated nodes) at a fixed resolution,
 * {@link io.nauta.apiserver.resourcemetrics.MetricsWindow} keeps the last two samples per node and
 * turns them into CPU rates and memory working sets, and {@link
 * io.nauta.apiserver.resourcemetrics.MetricsObjects} renders {@code metrics.k8s.io/v1beta1}
 * NodeMetrics and PodMetrics. Nothing here is stored: a restart starts with an empty window.
 */
package io.nauta.apiserver.resourcemetrics;
