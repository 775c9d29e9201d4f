package io.nauta.apiserver.resources;

import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.ResourceType;
import java.util.List;

/** Every built-in resource, in every served version. */
public final class BuiltinResources {
  private BuiltinResources() {}

  public static List<ResourceType> all() {
    return List.of(
        ResourceType.builder("", "v1", "Namespace", "namespaces")
            .clusterScoped()
            .shortNames("ns")
            .subresources("status")
            .strategy(
                new ResourceStrategy() {
                  @Override
                  public NameRule nameRule() {
                    return NameRule.DNS1123_LABEL;
                  }
                })
            .build(),
        ResourceType.builder("", "v1", "ConfigMap", "configmaps").shortNames("cm").build());
  }
}
