package io.nauta.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Read access to other objects for admission, e.g. the PriorityClass a pod names. Reads the latest
 * stored state. Thread-safe.
 */
public interface Lookup {
  /** The object, or empty when it does not exist (or the resource is not served). */
  Optional<ObjectNode> get(
      String group, String version, String plural, String namespace, String name);

  /** Every object of a cluster-scoped resource (empty when not served). */
  List<ObjectNode> list(String group, String version, String plural);
}
