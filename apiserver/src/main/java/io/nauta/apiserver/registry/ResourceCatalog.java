package io.nauta.apiserver.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every served resource, indexed by group-version and plural. Immutable; thread-safe.
 *
 * <p>Group versions are listed in preference order: the first version registered for a group is its
 * preferred version.
 */
public final class ResourceCatalog {
  private final List<ResourceType> all;
  private final Map<String, Map<String, ResourceType>> byGroupVersion = new LinkedHashMap<>();
  private final Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();

  public ResourceCatalog(List<ResourceType> types) {
    this.all = List.copyOf(types);
    for (ResourceType t : types) {
      byGroupVersion
          .computeIfAbsent(t.groupVersion(), k -> new LinkedHashMap<>())
          .put(t.plural(), t);
      List<String> versions = versionsByGroup.computeIfAbsent(t.group(), k -> new ArrayList<>());
      if (!versions.contains(t.version())) {
        versions.add(t.version());
      }
    }
  }

  public List<ResourceType> all() {
    return all;
  }

  public Optional<ResourceType> find(String group, String version, String plural) {
    Map<String, ResourceType> m =
        byGroupVersion.get(group.isEmpty() ? version : group + "/" + version);
    return Optional.ofNullable(m == null ? null : m.get(plural));
  }

  /** Resources of one group-version, in registration order (empty if not served). */
  public List<ResourceType> resources(String group, String version) {
    Map<String, ResourceType> m =
        byGroupVersion.get(group.isEmpty() ? version : group + "/" + version);
    return m == null ? List.of() : List.copyOf(m.values());
  }

  /** Served groups other than core, in registration order. */
  public List<String> groups() {
    return versionsByGroup.keySet().stream().filter(g -> !g.isEmpty()).toList();
  }

  /** Versions of a group, preferred first; empty if the group is not served. */
  public List<String> versions(String group) {
    return Collections.unmodifiableList(versionsByGroup.getOrDefault(group, List.of()));
  }

  /** The preferred-version resource for a storage prefix (used to read stored objects). */
  public Optional<ResourceType> byKind(String group, String kind) {
    for (String v : versions(group)) {
      for (ResourceType t : resources(group, v)) {
        if (t.kind().equals(kind)) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }
}
