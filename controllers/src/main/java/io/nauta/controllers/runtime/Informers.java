package io.nauta.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shared informer per kind for all controllers (list, then watch; relist on 410 Gone; resync
 * every {@link #RESYNC}), so the API server sees one watch per kind however many controllers use
 * it. Register every kind before {@link #start}.
 */
public final class Informers implements AutoCloseable {
  public static final Duration RESYNC = Duration.ofMinutes(10);

  private static final String NODE_INDEX = "spec.nodeName";

  private final KubernetesClient client;
  private final Map<Class<?>, SharedIndexInformer<?>> informers = new LinkedHashMap<>();

  public Informers(KubernetesClient client) {
    this.client = client;
  }

  /** The shared informer of {@code type} in all namespaces (created, not yet running). */
  @SuppressWarnings("unchecked")
  public synchronized <T extends HasMetadata> SharedIndexInformer<T> of(Class<T> type) {
    return (SharedIndexInformer<T>)
        informers.computeIfAbsent(
            type,
            t -> {
              SharedIndexInformer<T> i =
                  client.resources(type).inAnyNamespace().runnableInformer(RESYNC.toMillis());
              if (type == Pod.class) {
                i.addIndexers(Map.of(NODE_INDEX, o -> List.of(nodeName((Pod) o))));
              }
              return i;
            });
  }

  /** The cached pods bound to {@code node}. */
  public List<Pod> podsOn(String node) {
    return of(Pod.class).getIndexer().byIndex(NODE_INDEX, node);
  }

  /**
   * Whether the cache shows the pod {@code namespace/name} deleted or being deleted: what an
   * owner's expected deletion waits for ({@link Expectations#settleDeletions}).
   */
  public boolean podGoneOrTerminating(String podKey) {
    Pod p = get(Pod.class, podKey);
    return p == null || p.getMetadata().getDeletionTimestamp() != null;
  }

  private static String nodeName(Pod p) {
    String n = p.getSpec() == null ? null : p.getSpec().getNodeName();
    return n == null ? "" : n;
  }

  /** Starts every informer and waits until each has listed once. */
  public void start() throws Exception {
    List<SharedIndexInformer<?>> all;
    synchronized (this) {
      all = new ArrayList<>(informers.values());
    }
    List<java.util.concurrent.CompletionStage<Void>> started = new ArrayList<>();
    for (SharedIndexInformer<?> i : all) {
      started.add(i.start());
    }
    for (var s : started) {
      s.toCompletableFuture().get();
    }
  }

  /** The cached objects of {@code type} in {@code namespace}. */
  public <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
    return of(type).getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  /** The cached object of {@code type} with key {@code namespace/name}, or null. */
  public <T extends HasMetadata> T get(Class<T> type, String key) {
    return of(type).getIndexer().getByKey(key);
  }

  @Override
  public synchronized void close() {
    informers.values().forEach(SharedIndexInformer::close);
  }
}
