package io.nauta.apiserver.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.resources.scheduling.PriorityClassStrategy;
import io.nauta.apiserver.status.ApiException;

/** Creates the built-in PriorityClasses ({@code system-node-critical}, ...) if they are missing. */
public final class SystemPriorityClasses {
  private SystemPriorityClasses() {}

  /** Idempotent: existing classes are left as they are. */
  public static void ensure(Registry registry) {
    ResourceType rt =
        registry
            .catalog()
            .find("scheduling.k8s.io", "v1", "priorityclasses")
            .orElseThrow(() -> new IllegalStateException("priorityclasses are not served"));
    PriorityClassStrategy.systemClasses()
        .forEach(
            (name, value) -> {
              ObjectNode pc = Codec.JSON.createObjectNode();
              pc.put("apiVersion", "scheduling.k8s.io/v1");
              pc.put("kind", "PriorityClass");
              pc.putObject("metadata").put("name", name);
              pc.put("value", value);
              pc.put("description", "Used for system critical pods that must not be moved.");
              try {
                registry.create(rt, null, pc, WriteOptions.DEFAULT);
              } catch (ApiException e) {
                if (e.code() != 409) {
                  throw e;
                }
              }
            });
  }
}
