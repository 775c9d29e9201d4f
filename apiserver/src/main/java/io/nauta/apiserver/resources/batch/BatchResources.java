package io.nauta.apiserver.resources.batch;

import io.nauta.apiserver.registry.ResourceType;
import java.util.List;

/** The batch/v1 resources, named as {@code kubectl api-resources} lists them. */
public final class BatchResources {
  private BatchResources() {}

  /** The group's resources, in the order discovery lists them. */
  public static List<ResourceType> all() {
    return List.of(
        ResourceType.builder("batch", "v1", "Job", "jobs")
            .categories("all")
            .subresources("status")
            .strategy(new JobStrategy())
            .build(),
        ResourceType.builder("batch", "v1", "CronJob", "cronjobs")
            .shortNames("cj")
            .categories("all")
            .subresources("status")
            .strategy(new CronJobStrategy())
            .build());
  }
}
