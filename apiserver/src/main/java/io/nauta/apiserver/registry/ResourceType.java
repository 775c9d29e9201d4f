package io.nauta.apiserver.registry;

import java.util.List;
import java.util.Set;

/**
 * One served resource in one group-version, e.g. {@code apps/v1 deployments}.
 *
 * @param group API group, "" for core
 * @param version e.g. "v1"
 * @param kind e.g. "Deployment"
 * @param plural resource name in URLs, e.g. "deployments"
 * @param singular e.g. "deployment"
 * @param namespaced true for namespaced resources
 * @param shortNames e.g. ["deploy"]
 * @param categories e.g. ["all"]
 * @param subresources the served subresources, e.g. ["status", "scale"]
 * @param storageGroupVersion the group/version objects are stored in ("v1", "apps/v1"); objects of
 *     other versions of the same resource are converted with {@code converter}
 * @param storagePrefix the store key prefix shared by every version of this resource, e.g. {@code
 *     /registry/apps/deployments/}
 * @param converter from this version to the storage version
 * @param strategy the kind's behaviour
 * @param verbs the verbs discovery advertises: all of them for stored resources, only "create" for
 *     reviews that answer a question and store nothing
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    Set<String> subresources,
    String storageGroupVersion,
    String storagePrefix,
    VersionConverter converter,
    ResourceStrategy strategy,
    List<String> verbs) {

  /** The verbs of a stored resource. */
  public static final List<String> STORED_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** The verbs of a read-only resource computed on request (resource metrics). */
  public static final List<String> READ_ONLY_VERBS = List.of("get", "list");

  /** "v1" for core, "apps/v1" otherwise. */
  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String listKind() {
    return kind + "List";
  }

  /** True for a create-only resource: reviews (answered from the request) and bindings. */
  public boolean isCreateOnly() {
    return verbs.equals(List.of("create"));
  }

  /**
   * True for a read-only resource served from memory rather than the store (the {@code
   * metrics.k8s.io} metrics): get and list only, nothing stored under it.
   */
  public boolean isReadOnly() {
    return verbs.equals(READ_ONLY_VERBS);
  }

  public boolean hasStatus() {
    return subresources.contains("status");
  }

  /** Starts a builder for a resource stored in its own group-version under the default prefix. */
  public static Builder builder(String group, String version, String kind, String plural) {
    return new Builder(group, version, kind, plural);
  }

  /** Fluent construction with Kubernetes' defaults (singular = lower-case kind, namespaced). */
  public static final class Builder {
    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private String singular;
    private boolean namespaced = true;
    private List<String> shortNames = List.of();
    private List<String> categories = List.of();
    private Set<String> subresources = Set.of();
    private String storageGroupVersion;
    private String storagePrefix;
    private VersionConverter converter = VersionConverter.IDENTITY;
    private ResourceStrategy strategy = new ResourceStrategy() {};
    private List<String> verbs = STORED_VERBS;

    private Builder(String group, String version, String kind, String plural) {
      this.group = group;
      this.version = version;
      this.kind = kind;
      this.plural = plural;
      this.singular = kind.toLowerCase(java.util.Locale.ROOT);
      this.storageGroupVersion = group.isEmpty() ? version : group + "/" + version;
      this.storagePrefix = "/registry/" + (group.isEmpty() ? "core" : group) + "/" + plural + "/";
    }

    public Builder clusterScoped() {
      this.namespaced = false;
      return this;
    }

    public Builder shortNames(String... names) {
      this.shortNames = List.of(names);
      return this;
    }

    public Builder categories(String... names) {
      this.categories = List.of(names);
      return this;
    }

    public Builder subresources(String... names) {
      this.subresources = Set.of(names);
      return this;
    }

    /**
     * Stores objects of this version as {@code storageGroupVersion} under {@code storagePrefix}.
     */
    public Builder storedAs(
        String storageGroupVersion, String storagePrefix, VersionConverter converter) {
      this.storageGroupVersion = storageGroupVersion;
      this.storagePrefix = storagePrefix;
      this.converter = converter;
      return this;
    }

    /** Makes this resource create-only (reviews, bindings): nothing is stored under it. */
    public Builder createOnly() {
      this.verbs = List.of("create");
      return this;
    }

    /** Makes this resource read-only (get, list), served from memory: nothing is stored. */
    public Builder readOnly() {
      this.verbs = READ_ONLY_VERBS;
      return this;
    }

    public Builder strategy(ResourceStrategy strategy) {
      this.strategy = strategy;
      return this;
    }

    public ResourceType build() {
      return new ResourceType(
          group,
          version,
          kind,
          plural,
          singular,
          namespaced,
          shortNames,
          categories,
          subresources,
          storageGroupVersion,
          storagePrefix,
          converter,
          strategy,
          verbs);
    }
  }
}
