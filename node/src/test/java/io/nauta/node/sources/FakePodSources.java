package io.nauta.node.sources;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.nauta.api.quantity.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link PodSources} for tests: objects put here exist, others do not. */
public final class FakePodSources implements PodSources {
  private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
  private final Map<String, Quantity> allocatable = new ConcurrentHashMap<>();
  private final Map<String, PersistentVolumeClaim> claims = new ConcurrentHashMap<>();
  private final Map<String, PersistentVolume> volumes = new ConcurrentHashMap<>();
  private final Map<String, java.util.List<io.fabric8.kubernetes.api.model.Service>> services =
      new ConcurrentHashMap<>();

  /** Adds {@code service} to its namespace. */
  public FakePodSources service(io.fabric8.kubernetes.api.model.Service service) {
    services
        .computeIfAbsent(
            service.getMetadata().getNamespace(),
            ns -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(service);
    return this;
  }

  @Override
  public java.util.List<io.fabric8.kubernetes.api.model.Service> services(String namespace) {
    return java.util.List.copyOf(services.getOrDefault(namespace, java.util.List.of()));
  }

  /** Adds (or replaces) ConfigMap {@code namespace/name} with {@code data}. */
  public FakePodSources configMap(String namespace, String name, Map<String, String> data) {
    configMaps.put(
        namespace + "/" + name,
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata()
            .withData(new LinkedHashMap<>(data))
            .build());
    return this;
  }

  /** Adds (or replaces) Secret {@code namespace/name} with {@code data} (plain text here). */
  public FakePodSources secret(String namespace, String name, Map<String, String> data) {
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach(
        (k, v) ->
            encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    secrets.put(
        namespace + "/" + name,
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata()
            .withData(encoded)
            .build());
    return this;
  }

  public FakePodSources allocatable(String resource, String quantity) {
    allocatable.put(resource, Quantity.parse(quantity));
    return this;
  }

  /** Adds (or replaces) {@code claim} in its namespace. */
  public FakePodSources claim(PersistentVolumeClaim claim) {
    claims.put(claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName(), claim);
    return this;
  }

  /** Adds (or replaces) {@code volume}. */
  public FakePodSources volume(PersistentVolume volume) {
    volumes.put(volume.getMetadata().getName(), volume);
    return this;
  }

  @Override
  public Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
    return Optional.ofNullable(claims.get(namespace + "/" + name));
  }

  @Override
  public Optional<PersistentVolume> persistentVolume(String name) {
    return Optional.ofNullable(volumes.get(name));
  }

  public void removeConfigMap(String namespace, String name) {
    configMaps.remove(namespace + "/" + name);
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return Optional.ofNullable(configMaps.get(namespace + "/" + name));
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(secrets.get(namespace + "/" + name));
  }

  @Override
  public Map<String, Quantity> allocatable() {
    return Map.copyOf(allocatable);
  }
}
