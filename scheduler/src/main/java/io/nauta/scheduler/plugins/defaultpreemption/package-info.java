/**
 * DefaultPreemption: when a pod fits nowhere, find a node where evicting lower-priority pods would
 * make room, choosing the fewest and least important victims and sparing pods protected by
 * PodDisruptionBudgets where possible.
 */
package io.nauta.scheduler.plugins.defaultpreemption;
