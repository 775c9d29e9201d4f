/** {@code scheduling.k8s.io/v1} PriorityClasses: named pod priorities and preemption policies. */
package io.nauta.apiserver.resources.scheduling;
