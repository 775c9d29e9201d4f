/**
 * The agent's stats summary ({@code /stats/summary}, a kubelet's format): CPU and memory of the
 * node (from /proc) and of each pod and container (from the runtime's CRI container stats), what
 * metrics pipelines read for {@code kubectl top}.
 */
package io.nauta.node.stats;
