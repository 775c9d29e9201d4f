package io.nauta.node.server;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/** The pods bound to this node, as the agent last saw them. Thread-safe. */
@FunctionalInterface
public interface PodSource {
  /** The pod with that namespace and name, or empty when this node does not run it. */
  Optional<Pod> pod(String namespace, String name);
}
