package io.nauta.node.env;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.api.quantity.Quantity;
import java.util.List;
import java.util.Map;

/**
 * What the downward API can tell a container about its pod beyond the pod object: the addresses the
 * node gave it and the node's allocatable resources (the limits of a container that sets none).
 *
 * @param podIps the sandbox's addresses, primary first (empty before the sandbox exists)
 * @param hostIps the node's addresses, primary first
 * @param allocatable the node's allocatable resources by name
 */
public record PodFacts(
    Pod pod, List<String> podIps, List<String> hostIps, Map<String, Quantity> allocatable) {
  public PodFacts {
    podIps = List.copyOf(podIps);
    hostIps = List.copyOf(hostIps);
    allocatable = Map.copyOf(allocatable);
  }
}
