package io.nauta.apiserver.resources.rbac;

import io.nauta.apiserver.registry.ResourceType;
import java.util.List;

/** The rbac.authorization.k8s.io/v1 resources. */
public final class RbacResources {
  private RbacResources() {}

  /** The group's resources, in the order discovery lists them. */
  public static List<ResourceType> all() {
    return List.of(
        rbac("Role", "roles").strategy(RoleStrategy.role()).build(),
        rbac("RoleBinding", "rolebindings").strategy(RoleBindingStrategy.roleBinding()).build(),
        rbac("ClusterRole", "clusterroles")
            .clusterScoped()
            .strategy(RoleStrategy.clusterRole())
            .build(),
        rbac("ClusterRoleBinding", "clusterrolebindings")
            .clusterScoped()
            .strategy(RoleBindingStrategy.clusterRoleBinding())
            .build());
  }

  private static ResourceType.Builder rbac(String kind, String plural) {
    return ResourceType.builder(Bindings.GROUP, "v1", kind, plural);
  }
}
