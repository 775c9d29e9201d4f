/**
 * The scheduler: finds for each unbound pod the best node that can run it, in two phases — filter
 * out the nodes that cannot (predicates), then score the rest (priorities) — and binds it there.
 */
package io.nauta.scheduler;
