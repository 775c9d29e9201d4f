/**
 * NodeVolumeLimits: a node takes no pod that would make it use more volumes of a CSI driver than
 * its CSINode allows ({@code allocatable.count} of that driver). A claim's driver is its volume's
 * CSI driver (or the driver of the provisioner that made it) once bound, else its class's
 * provisioner's; each claim counts once per node, however many pods there use it. A node without a
 * CSINode, or a driver without a count, has no limit.
 */
package io.nauta.scheduler.plugins.nodevolumelimits;
