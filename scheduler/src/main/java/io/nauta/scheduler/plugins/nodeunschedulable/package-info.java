/** NodeUnschedulable: cordoned nodes take no new pods, unless the pod tolerates the cordon. */
package io.nauta.scheduler.plugins.nodeunschedulable;
