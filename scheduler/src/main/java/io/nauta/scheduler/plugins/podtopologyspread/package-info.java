/**
 * PodTopologySpread: keeps the pods a {@code topologySpreadConstraints} entry selects evenly spread
 * over the domains of its {@code topologyKey}. A {@code DoNotSchedule} constraint admits a node
 * only if placing the pod there keeps the skew (matching pods in the node's domain, plus the pod if
 * it matches, minus the smallest domain's count) within {@code maxSkew} and the node has the key; a
 * {@code ScheduleAnyway} constraint only scores domains with fewer matching pods higher, in 0..100.
 */
package io.nauta.scheduler.plugins.podtopologyspread;
