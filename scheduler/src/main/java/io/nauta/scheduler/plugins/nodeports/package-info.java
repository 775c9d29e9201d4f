/**
 * NodePorts: a pod whose containers ask for host ports fits only nodes where no assigned pod
 * already holds the same host port and protocol on an overlapping host IP (the wildcard {@code
 * 0.0.0.0}, or an empty IP, overlaps every IP), so two pods never race for one socket.
 */
package io.nauta.scheduler.plugins.nodeports;
