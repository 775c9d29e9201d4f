package io.nauta.apiserver.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.registry.DeleteOptions;
import io.nauta.apiserver.registry.ListOptions;
import io.nauta.apiserver.registry.Lister;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.UpdatePart;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.status.ApiException;
import io.nauta.store.Event;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the system namespaces and finalizes deleted namespaces: when a namespace gets a
 * deletionTimestamp it turns Terminating, every namespaced object in it is deleted, and once it is
 * empty the {@code kubernetes} finalizer is removed and the namespace disappears.
 */
public final class NamespaceLifecycle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NamespaceLifecycle.class);
  public static final List<String> SYSTEM =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");
  private static final Set<String> UNDELETABLE = Set.of("default", "kube-system", "kube-public");

  private final Registry registry;
  private final Lister lister;
  private final ResourceType namespaces;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("namespace-lifecycle").unstarted(r));
  private Watch watch;

  public NamespaceLifecycle(Registry registry) {
    this.registry = registry;
    this.lister = new Lister(registry);
    this.namespaces = registry.catalog().find("", "v1", "namespaces").orElseThrow();
  }

  /** Names that may never be deleted. */
  public static boolean undeletable(String name) {
    return UNDELETABLE.contains(name);
  }

  /** Ensures the system namespaces exist and starts finalizing. */
  public void start() {
    for (String ns : SYSTEM) {
      try {
        ObjectNode o = Codec.JSON.createObjectNode();
        o.put("apiVersion", "v1");
        o.put("kind", "Namespace");
        o.putObject("metadata").put("name", ns);
        registry.create(namespaces, null, o, WriteOptions.DEFAULT);
      } catch (ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
    long rev = registry.store().currentRevision();
    for (ObjectNode ns : lister.list(namespaces, null, ListOptions.all()).items()) {
      if (Meta.deleting(ns)) {
        schedule(Meta.name(ns), 0);
      }
    }
    watch =
        registry
            .store()
            .watch(
                namespaces.storagePrefix(),
                rev,
                new WatchListener() {
                  @Override
                  public void onEvent(Event e) {
                    if (e.type() == Event.Type.PUT) {
                      ObjectNode o = Codec.parseStored(e.kv().value());
                      if (Meta.deleting(o)) {
                        schedule(Meta.name(o), 0);
                      }
                    }
                  }

                  @Override
                  public void onError(StoreException error) {
                    if (error.code() != StoreException.Code.CLOSED) {
                      LOG.warn("namespace watch ended: {}; restarting", error.getMessage());
                      worker.schedule(NamespaceLifecycle.this::restartWatch, 1, TimeUnit.SECONDS);
                    }
                  }
                });
  }

  private void restartWatch() {
    if (watch != null) {
      watch.close();
    }
    start();
  }

  private void schedule(String name, long delayMillis) {
    worker.schedule(() -> finalizeNamespace(name), delayMillis, TimeUnit.MILLISECONDS);
  }

  private void finalizeNamespace(String name) {
    try {
      ObjectNode ns;
      try {
        ns = registry.get(namespaces, null, name);
      } catch (ApiException e) {
        return;
      }
      if (!Meta.deleting(ns)) {
        return;
      }
      if (!"Terminating".equals(ns.path("status").path("phase").asText())) {
        registry.guaranteedUpdate(
            namespaces,
            null,
            name,
            cur -> {
              Meta.of(cur).remove("resourceVersion");
              cur.with("status").put("phase", "Terminating");
              return cur;
            },
            UpdatePart.STATUS,
            WriteOptions.DEFAULT);
      }
      boolean empty = true;
      for (ResourceType rt : registry.catalog().all()) {
        if (!rt.namespaced() || !isStorageOwner(rt) || rt.isReadOnly()) {
          continue;
        }
        for (ObjectNode item : lister.list(rt, name, ListOptions.all()).items()) {
          empty = false;
          if (!Meta.deleting(item)) {
            try {
              registry.delete(rt, name, Meta.name(item), DeleteOptions.DEFAULT);
            } catch (ApiException e) {
              if (e.code() != 404 && e.code() != 409) {
                LOG.warn(
                    "cannot delete {} {}/{}: {}",
                    rt.plural(),
                    name,
                    Meta.name(item),
                    e.getMessage());
              }
            }
          }
        }
      }
      if (!empty) {
        schedule(name, 1000);
        return;
      }
      registry.guaranteedUpdate(
          namespaces,
          null,
          name,
          cur -> {
            Meta.of(cur).remove("resourceVersion");
            JsonNode f = cur.path("spec").path("finalizers");
            if (f instanceof ArrayNode arr) {
              for (int i = arr.size() - 1; i >= 0; i--) {
                if ("kubernetes".equals(arr.get(i).asText())) {
                  arr.remove(i);
                }
              }
            }
            return cur;
          },
          UpdatePart.DIRECT,
          WriteOptions.DEFAULT);
      ObjectNode now = registry.get(namespaces, null, name);
      if (!Meta.hasFinalizers(now) && now.path("spec").path("finalizers").isEmpty()) {
        registry.delete(namespaces, null, name, new DeleteOptions(0L, null, null, null, false));
      }
    } catch (ApiException e) {
      if (e.code() != 404) {
        LOG.warn("finalizing namespace {}: {}", name, e.getMessage());
        schedule(name, 2000);
      }
    } catch (RuntimeException e) {
      LOG.warn("finalizing namespace {}", name, e);
      schedule(name, 2000);
    }
  }

  /** Only one version of a multi-version resource is swept (the one stored in its own version). */
  private static boolean isStorageOwner(ResourceType rt) {
    return rt.groupVersion().equals(rt.storageGroupVersion());
  }

  @Override
  public void close() {
    if (watch != null) {
      watch.close();
    }
    worker.shutdownNow();
  }
}
