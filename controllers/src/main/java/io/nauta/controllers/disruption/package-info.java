/**
 * The Disruption controller: keeps each PodDisruptionBudget's status (expected, healthy and desired
 * healthy pods, disruptions allowed) current, so evictions and preemption can honour it.
 */
package io.nauta.controllers.disruption;
