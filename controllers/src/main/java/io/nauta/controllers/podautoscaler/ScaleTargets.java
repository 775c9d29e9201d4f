package io.nauta.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code /scale} subresource of whatever an autoscaler targets (Deployments, ReplicaSets,
 * StatefulSets, anything serving it): the kind is mapped to its resource through the API server's
 * discovery (cached once found), then the scale is read and written through the generic client.
 * Thread-safe.
 */
final class ScaleTargets {
  private final KubernetesClient client;
  private final Map<String, ResourceDefinitionContext> resources = new ConcurrentHashMap<>();

  ScaleTargets(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The target's scale.
   *
   * @throws KubernetesClientException when the kind is not served with a scale subresource or the
   *     object cannot be read (the message says why)
   */
  Scale get(String namespace, CrossVersionObjectReference ref) {
    Scale scale =
        client
            .genericKubernetesResources(resource(ref))
            .inNamespace(namespace)
            .withName(ref.getName())
            .scale();
    if (scale == null) {
      throw new KubernetesClientException(
          ref.getKind().toLowerCase() + " \"" + ref.getName() + "\" not found");
    }
    return scale;
  }

  /** Writes {@code scale} (as read, with new {@code spec.replicas}) back to the target. */
  void update(String namespace, CrossVersionObjectReference ref, Scale scale) {
    client
        .genericKubernetesResources(resource(ref))
        .inNamespace(namespace)
        .withName(ref.getName())
        .scale(scale);
  }

  private ResourceDefinitionContext resource(CrossVersionObjectReference ref) {
    String apiVersion =
        ref.getApiVersion() == null || ref.getApiVersion().isEmpty() ? "v1" : ref.getApiVersion();
    String key = apiVersion + "/" + ref.getKind();
    ResourceDefinitionContext found = resources.get(key);
    if (found != null) {
      return found;
    }
    APIResourceList list = client.getApiResources(apiVersion);
    String plural = null;
    boolean namespaced = true;
    boolean scalable = false;
    if (list != null) {
      for (APIResource r : list.getResources()) {
        if (!r.getName().contains("/") && ref.getKind().equals(r.getKind())) {
          plural = r.getName();
          namespaced = Boolean.TRUE.equals(r.getNamespaced());
        }
      }
      for (APIResource r : list.getResources()) {
        scalable |= plural != null && r.getName().equals(plural + "/scale");
      }
    }
    if (plural == null) {
      throw new KubernetesClientException(
          "no matches for kind \"" + ref.getKind() + "\" in group \"" + group(apiVersion) + "\"");
    }
    if (!scalable) {
      throw new KubernetesClientException(
          "the server could not find the requested resource (get " + plural + ".scale)");
    }
    int slash = apiVersion.indexOf('/');
    ResourceDefinitionContext ctx =
        new ResourceDefinitionContext.Builder()
            .withGroup(group(apiVersion))
            .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
            .withKind(ref.getKind())
            .withPlural(plural)
            .withNamespaced(namespaced)
            .build();
    resources.put(key, ctx);
    return ctx;
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
