/**
 * A pod's compute resources on this node, as a kubelet applies them: the QoS class from requests
 * and limits, each container's cgroup settings (CPU shares and CFS quota, memory limit, OOM score
 * adjustment) and the pod-level cgroup the containers are placed under. Pure, except {@link
 * io.nauta.node.resources.PodCgroups}, which writes the pod cgroup's own limits (cgroup v1).
 */
package io.nauta.node.resources;
