package io.nauta.apiserver.resources.apps;

import io.nauta.apiserver.registry.ResourceType;
import java.util.List;

/** The apps/v1 resources, named as {@code kubectl api-resources} lists them. */
public final class AppsResources {
  private AppsResources() {}

  /** The group's resources, in the order discovery lists them. */
  public static List<ResourceType> all() {
    return List.of(
        apps("Deployment", "deployments")
            .shortNames("deploy")
            .categories("all")
            .subresources("status", "scale")
            .strategy(new DeploymentStrategy())
            .build(),
        apps("ReplicaSet", "replicasets")
            .shortNames("rs")
            .categories("all")
            .subresources("status", "scale")
            .strategy(new ReplicaSetStrategy())
            .build(),
        apps("StatefulSet", "statefulsets")
            .shortNames("sts")
            .categories("all")
            .subresources("status", "scale")
            .strategy(new StatefulSetStrategy())
            .build(),
        apps("DaemonSet", "daemonsets")
            .shortNames("ds")
            .categories("all")
            .subresources("status")
            .strategy(new DaemonSetStrategy())
            .build(),
        apps("ControllerRevision", "controllerrevisions")
            .strategy(new ControllerRevisionStrategy())
            .build());
  }

  private static ResourceType.Builder apps(String kind, String plural) {
    return ResourceType.builder("apps", "v1", kind, plural);
  }
}
