/** {@code policy/v1} PodDisruptionBudgets: how many pods of a set may be voluntarily disrupted. */
package io.nauta.apiserver.resources.policy;
