/**
 * Leader election on a coordination.k8s.io Lease: of the instances competing for one lease, exactly
 * one leads at a time, and a standby takes over within about 12 s of the leader's death.
 */
package io.nauta.client.leaderelection;
