/**
 * NodeResourcesBalancedAllocation: scores a node higher the closer its CPU and memory fractions in
 * use would be to each other after placing the pod, so neither resource is stranded while the other
 * runs out; the score is {@code (1 - standard deviation of the fractions) * 100}, in 0..100.
 */
package io.nauta.scheduler.plugins.balancedallocation;
