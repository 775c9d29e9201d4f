/**
 * NodeResourcesFit: a pod fits where the node's allocatable resources cover its requests on top of
 * what the node's pods already request; feasible nodes are scored by how much would be left
 * (LeastAllocated, spreading) or used (MostAllocated, bin packing).
 */
package io.nauta.scheduler.plugins.noderesources;
