package io.nauta.node.env;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.stream.Stream;

/** Finding a pod's container (or init container) by name. Pure. */
public final class PodContainers {
  private PodContainers() {}

  /** The container or init container called {@code name}. */
  public static Optional<Container> named(Pod pod, String name) {
    var spec = pod.getSpec();
    return Stream.concat(
            spec.getContainers() == null ? Stream.empty() : spec.getContainers().stream(),
            spec.getInitContainers() == null ? Stream.empty() : spec.getInitContainers().stream())
        .filter(c -> name.equals(c.getName()))
        .findFirst();
  }
}
