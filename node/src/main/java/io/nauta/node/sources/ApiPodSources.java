package io.nauta.node.sources;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nauta.api.quantity.Quantity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * {@link PodSources} through the API server. ConfigMaps and Secrets come from one informer per kind
 * and namespace, started the first time a pod of that namespace asks (so the load on the API server
 * is one list and one watch per namespace with pods that use them, whatever the number of pods, and
 * updates arrive as they happen). The node's allocatable resources are read at most once a minute.
 * PersistentVolumeClaims and PersistentVolumes are read with a GET each time, as kubelets read
 * them: only while a pod's claim volume is not set up yet, so a fresh answer matters more than the
 * load.
 *
 * <p>Kubernetes' kubelet watches each referenced object on its own, because its node authorizer
 * lets a node read only what its pods reference; Nauta has no such authorizer yet, and a namespace
 * watch is far cheaper for many pods.
 */
public final class ApiPodSources implements PodSources, AutoCloseable {
  static final Duration ALLOCATABLE_TTL = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final String nodeName;
  private final Clock clock;
  private final Map<String, SharedIndexInformer<ConfigMap>> configMaps = new ConcurrentHashMap<>();
  private final Map<String, SharedIndexInformer<Secret>> secrets = new ConcurrentHashMap<>();
  private final Map<String, SharedIndexInformer<io.fabric8.kubernetes.api.model.Service>> services =
      new ConcurrentHashMap<>();
  private final ReentrantLock starting = new ReentrantLock();
  private volatile Map<String, Quantity> allocatable = Map.of();
  private volatile Instant allocatableAt = Instant.MIN;
  private volatile boolean closed;

  public ApiPodSources(KubernetesClient client, String nodeName, Clock clock) {
    this.client = client;
    this.nodeName = nodeName;
    this.clock = clock;
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    var informer =
        informer(configMaps, namespace, ns -> client.configMaps().inNamespace(ns).inform());
    return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    var informer = informer(secrets, namespace, ns -> client.secrets().inNamespace(ns).inform());
    return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
  }

  @Override
  public Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
    return Optional.ofNullable(
        client.persistentVolumeClaims().inNamespace(namespace).withName(name).get());
  }

  @Override
  public Optional<PersistentVolume> persistentVolume(String name) {
    return Optional.ofNullable(client.persistentVolumes().withName(name).get());
  }

  @Override
  public java.util.List<io.fabric8.kubernetes.api.model.Service> services(String namespace) {
    return informer(services, namespace, ns -> client.services().inNamespace(ns).inform())
        .getStore()
        .list();
  }

  /** The namespace's informer, started (and its first list awaited) on first use. */
  private <T> SharedIndexInformer<T> informer(
      Map<String, SharedIndexInformer<T>> informers,
      String namespace,
      Function<String, SharedIndexInformer<T>> start) {
    SharedIndexInformer<T> informer = informers.get(namespace);
    if (informer != null) {
      return informer;
    }
    starting.lock();
    try {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      return informers.computeIfAbsent(namespace, start);
    } finally {
      starting.unlock();
    }
  }

  @Override
  public Map<String, Quantity> allocatable() {
    Instant now = clock.instant();
    if (allocatableAt.plus(ALLOCATABLE_TTL).isAfter(now)) {
      return allocatable;
    }
    try {
      Node node = client.nodes().withName(nodeName).get();
      if (node != null && node.getStatus() != null && node.getStatus().getAllocatable() != null) {
        Map<String, Quantity> read = new LinkedHashMap<>();
        node.getStatus().getAllocatable().forEach((k, v) -> read.put(k, PodSources.quantity(v)));
        allocatable = Map.copyOf(read);
        allocatableAt = now;
      }
    } catch (KubernetesClientException e) {
      // keep the last answer; asked again on the next call
    }
    return allocatable;
  }

  @Override
  public void close() {
    starting.lock();
    try {
      closed = true;
      configMaps.values().forEach(SharedIndexInformer::close);
      secrets.values().forEach(SharedIndexInformer::close);
      services.values().forEach(SharedIndexInformer::close);
    } finally {
      starting.unlock();
    }
  }
}
