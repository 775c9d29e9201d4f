package io.nauta.controllers.runtime;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The resource kinds the API server serves, from its discovery documents: what the garbage
 * collector watches and what namespace deletion empties. Only the preferred version of each group,
 * only kinds that can be listed, watched and deleted, no subresources, no events (Kubernetes'
 * garbage collector ignores them too).
 */
public final class Discovery {
  private static final Set<String> IGNORED = Set.of("events");

  /** A kind as the generic client addresses it. */
  public record Kind(String group, String version, String kind, String plural, boolean namespaced) {
    public String apiVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }

    public ResourceDefinitionContext context() {
      return new ResourceDefinitionContext.Builder()
          .withGroup(group)
          .withVersion(version)
          .withKind(kind)
          .withPlural(plural)
          .withNamespaced(namespaced)
          .build();
    }
  }

  private Discovery() {}

  /** Every deletable, watchable kind, in discovery order. */
  public static List<Kind> deletableKinds(KubernetesClient client) {
    List<Kind> out = new ArrayList<>();
    add(out, "", "v1", client.getApiResources("v1"));
    for (APIGroup g : client.getApiGroups().getGroups()) {
      String version = g.getPreferredVersion().getVersion();
      add(out, g.getName(), version, client.getApiResources(g.getName() + "/" + version));
    }
    return out;
  }

  private static void add(List<Kind> out, String group, String version, APIResourceList list) {
    if (list == null) {
      return;
    }
    for (APIResource r : list.getResources()) {
      List<String> verbs = r.getVerbs();
      if (r.getName().contains("/")
          || IGNORED.contains(r.getName())
          || !verbs.containsAll(List.of("list", "watch", "delete"))) {
        continue;
      }
      out.add(
          new Kind(
              group, version, r.getKind(), r.getName(), Boolean.TRUE.equals(r.getNamespaced())));
    }
  }
}
