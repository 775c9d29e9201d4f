package io.nauta.apiserver.resources.core;

import io.nauta.apiserver.registry.ResourceType;
import java.util.List;

/** The core/v1 resources Nauta serves, named as {@code kubectl api-resources} lists them. */
public final class CoreResources {
  private CoreResources() {}

  /** The group's resources, in the order discovery lists them. */
  public static List<ResourceType> all(DefaultTolerationSeconds tolerations) {
    return List.of(
        v1("Namespace", "namespaces")
            .clusterScoped()
            .shortNames("ns")
            .subresources("status")
            .strategy(new NamespaceStrategy())
            .build(),
        v1("Pod", "pods")
            .shortNames("po")
            .categories("all")
            .subresources(
                "status", "binding", "eviction", "log", "exec", "attach", "portforward", "proxy")
            .strategy(new PodStrategy(tolerations))
            .build(),
        // create-only: binds the pod its metadata names (pods/binding's older form)
        v1("Binding", "bindings").createOnly().build(),
        v1("ReplicationController", "replicationcontrollers")
            .shortNames("rc")
            .categories("all")
            .subresources("status")
            .strategy(new ReplicationControllerStrategy())
            .build(),
        v1("Node", "nodes")
            .clusterScoped()
            .shortNames("no")
            .subresources("status", "proxy")
            .strategy(new NodeStrategy())
            .build(),
        v1("Service", "services")
            .shortNames("svc")
            .categories("all")
            .subresources("status")
            .strategy(new ServiceStrategy())
            .build(),
        v1("Endpoints", "endpoints").shortNames("ep").strategy(new EndpointsStrategy()).build(),
        v1("ConfigMap", "configmaps").shortNames("cm").strategy(new ConfigMapStrategy()).build(),
        v1("Secret", "secrets").strategy(new SecretStrategy()).build(),
        v1("ServiceAccount", "serviceaccounts")
            .shortNames("sa")
            .strategy(new ServiceAccountStrategy())
            .build(),
        v1("Event", "events").shortNames("ev").strategy(EventStrategy.forCoreApi()).build(),
        v1("PersistentVolume", "persistentvolumes")
            .clusterScoped()
            .shortNames("pv")
            .subresources("status")
            .strategy(new PersistentVolumeStrategy())
            .build(),
        v1("PersistentVolumeClaim", "persistentvolumeclaims")
            .shortNames("pvc")
            .subresources("status")
            .strategy(new PersistentVolumeClaimStrategy())
            .build(),
        v1("LimitRange", "limitranges")
            .shortNames("limits")
            .strategy(new LimitRangeStrategy())
            .build(),
        v1("ResourceQuota", "resourcequotas")
            .shortNames("quota")
            .subresources("status")
            .strategy(new ResourceQuotaStrategy())
            .build());
  }

  private static ResourceType.Builder v1(String kind, String plural) {
    return ResourceType.builder("", "v1", kind, plural);
  }
}
