/**
 * Node lifecycle: a node whose agent has not renewed its Lease (nor posted status) for the grace
 * period becomes Ready=Unknown and its pods not ready; nodes get the taints their conditions call
 * for (not-ready, unreachable, unschedulable, pressure), so the scheduler avoids them and the taint
 * eviction controller moves pods off them.
 */
package io.nauta.controllers.nodelifecycle;
