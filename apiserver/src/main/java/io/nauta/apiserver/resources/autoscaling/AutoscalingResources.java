package io.nauta.apiserver.resources.autoscaling;

import io.nauta.apiserver.registry.ResourceType;
import java.util.List;

/**
 * HorizontalPodAutoscalers in autoscaling/v2 (storage version) and autoscaling/v1, both under
 * {@code /registry/autoscaling/horizontalpodautoscalers/}.
 */
public final class AutoscalingResources {
  static final String PREFIX = "/registry/autoscaling/horizontalpodautoscalers/";

  private AutoscalingResources() {}

  /** The group's resources, in the order discovery lists them. */
  public static List<ResourceType> all() {
    HorizontalPodAutoscalerStrategy strategy = new HorizontalPodAutoscalerStrategy();
    return List.of(
        ResourceType.builder(
                "autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers")
            .shortNames("hpa")
            .categories("all")
            .subresources("status")
            .strategy(strategy)
            .build(),
        ResourceType.builder(
                "autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers")
            .shortNames("hpa")
            .categories("all")
            .subresources("status")
            .storedAs("autoscaling/v2", PREFIX, new HorizontalPodAutoscalerV1Converter())
            .strategy(strategy)
            .build());
  }
}
