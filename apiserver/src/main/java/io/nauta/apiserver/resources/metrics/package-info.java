/**
 * The {@code metrics.k8s.io/v1beta1} resources (NodeMetrics, PodMetrics): read-only kinds served
 * from the API server's resource metrics window, never stored; their {@code kubectl get} columns.
 */
package io.nauta.apiserver.resources.metrics;
