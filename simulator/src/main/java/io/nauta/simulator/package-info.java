/**
 * Simulated nodes — a scale-test and benchmark tool, never a runtime: registers nodes with chosen
 * capacity, labels and taints, keeps their Leases fresh, and reports pods bound to them Running and
 * Ready without running any container (like kwok).
 */
package io.nauta.simulator;
