/**
 * The machine a node agent runs on, as the node reports it: CPU, memory, pods and storage capacity,
 * and identity (kernel, OS image, architecture, machine ID), read from the host once at start.
 */
package io.nauta.node.machine;
