/**
 * Allocation of unique values from a range (service cluster IPs, node ports) in the store: one key
 * per allocated value, created only if absent, so that several API servers sharing one store never
 * hand out the same value twice, and allocations survive restarts.
 */
package io.nauta.apiserver.allocation;
