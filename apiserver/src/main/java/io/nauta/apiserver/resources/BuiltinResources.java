package io.nauta.apiserver.resources;

import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.resources.apps.AppsResources;
import io.nauta.apiserver.resources.authorization.Reviews;
import io.nauta.apiserver.resources.autoscaling.AutoscalingResources;
import io.nauta.apiserver.resources.batch.BatchResources;
import io.nauta.apiserver.resources.certificates.CertificateSigningRequestStrategy;
import io.nauta.apiserver.resources.coordination.LeaseStrategy;
import io.nauta.apiserver.resources.core.CoreResources;
import io.nauta.apiserver.resources.core.DefaultTolerationSeconds;
import io.nauta.apiserver.resources.discovery.EndpointSliceStrategy;
import io.nauta.apiserver.resources.events.EventsResources;
import io.nauta.apiserver.resources.networking.IngressStrategy;
import io.nauta.apiserver.resources.policy.PodDisruptionBudgetStrategy;
import io.nauta.apiserver.resources.rbac.RbacResources;
import io.nauta.apiserver.resources.scheduling.PriorityClassStrategy;
import io.nauta.apiserver.resources.storage.CSINodeStrategy;
import io.nauta.apiserver.resources.storage.StorageClassStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Every built-in resource, in every served version, grouped as {@code kubectl api-resources} lists
 * them. Each (group, version, plural) appears once; versions of one resource share a store prefix.
 */
public final class BuiltinResources {
  private static final List<ResourceType> ALL = build(DefaultTolerationSeconds.DEFAULTS);

  private BuiltinResources() {}

  /** The resources; the list is immutable and the same instance on every call. */
  public static List<ResourceType> all() {
    return ALL;
  }

  /** The resources with pods admitted with {@code tolerations}. */
  public static List<ResourceType> all(DefaultTolerationSeconds tolerations) {
    return tolerations.equals(DefaultTolerationSeconds.DEFAULTS) ? ALL : build(tolerations);
  }

  private static List<ResourceType> build(DefaultTolerationSeconds tolerations) {
    List<ResourceType> all = new ArrayList<>(CoreResources.all(tolerations));
    all.addAll(AppsResources.all());
    all.addAll(AutoscalingResources.all());
    all.addAll(BatchResources.all());
    all.add(CertificateSigningRequestStrategy.resourceType());
    all.add(LeaseStrategy.resourceType());
    all.add(EndpointSliceStrategy.resourceType());
    all.add(EventsResources.events());
    all.add(IngressStrategy.resourceType());
    all.add(PodDisruptionBudgetStrategy.resourceType());
    all.addAll(RbacResources.all());
    all.add(PriorityClassStrategy.resourceType());
    all.add(StorageClassStrategy.resourceType());
    all.add(CSINodeStrategy.resourceType());
    all.addAll(Reviews.all());
    all.addAll(io.nauta.apiserver.resources.metrics.MetricsResources.all());
    return List.copyOf(all);
  }
}
