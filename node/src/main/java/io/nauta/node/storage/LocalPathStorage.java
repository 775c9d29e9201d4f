package io.nauta.node.storage;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nauta.client.volumes.StorageAnnotations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's local-path reconciler (see the package description): watches PersistentVolumes and
 * applies them through {@link LocalPathDirectories} on one thread, after every change (debounced)
 * and every {@link #PERIOD_SECONDS} s; announces the directory on the Node until it shows there.
 */
public final class LocalPathStorage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPathStorage.class);

  /** On a Node: the directory its agent keeps local-path volumes in. */
  public static final String NODE_DIRECTORY = StorageAnnotations.LOCAL_PATH_NODE_DIRECTORY;

  static final long PERIOD_SECONDS = 30;
  static final long DEBOUNCE_MS = 100;
  static final long RETRY_SECONDS = 2;

  private final KubernetesClient client;
  private final String nodeName;
  private final LocalPathDirectories directories;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("local-path-storage").daemon().factory());
  private final AtomicBoolean pending = new AtomicBoolean();
  private final SharedIndexInformer<PersistentVolume> volumes;
  private final Integer maxVolumes;
  private volatile boolean announced;

  /** Starts watching volumes, with no limit on how many this node holds. */
  public LocalPathStorage(KubernetesClient client, String nodeName, LocalPathDirectories dirs) {
    this(client, nodeName, dirs, null);
  }

  /**
   * Starts watching volumes; the first pass runs once they are listed.
   *
   * @param maxVolumes how many local-path volumes pods on this node may use at once, announced in
   *     the node's CSINode for the scheduler; null for no limit
   */
  public LocalPathStorage(
      KubernetesClient client, String nodeName, LocalPathDirectories dirs, Integer maxVolumes) {
    this.client = client;
    this.nodeName = nodeName;
    this.directories = dirs;
    this.maxVolumes = maxVolumes;
    // started without waiting for the first list: the agent must not fail for want of volumes
    this.volumes = client.persistentVolumes().runnableInformer(0);
    volumes.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(PersistentVolume v) {
            changed();
          }

          @Override
          public void onUpdate(PersistentVolume old, PersistentVolume v) {
            changed();
          }

          @Override
          public void onDelete(PersistentVolume v, boolean unknown) {}
        });
    volumes.start();
    worker.scheduleWithFixedDelay(this::changed, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  private void changed() {
    if (pending.compareAndSet(false, true)) {
      worker.schedule(this::sync, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void sync() {
    pending.set(false);
    try {
      if (!announced) {
        announced = announce();
        if (!announced) {
          worker.schedule(this::changed, RETRY_SECONDS, TimeUnit.SECONDS);
        }
      }
      if (!volumes.hasSynced()) {
        worker.schedule(this::changed, RETRY_SECONDS, TimeUnit.SECONDS);
        return;
      }
      List<PersistentVolume> cleaned;
      try {
        cleaned = directories.reconcile(new ArrayList<>(volumes.getStore().list()));
      } catch (IOException e) {
        LOG.warn("local-path volumes: {} (retrying)", e.toString());
        cleaned = List.of();
      }
      for (PersistentVolume v : cleaned) {
        release(v);
      }
    } catch (RuntimeException e) {
      LOG.warn("local-path volumes: {} (retrying)", e.toString());
      worker.schedule(this::changed, RETRY_SECONDS, TimeUnit.SECONDS);
    }
  }

  /**
   * Annotates this node with the directory and registers the local-path driver in its CSINode;
   * false while the Node is not registered yet or a write lost a race.
   */
  private boolean announce() {
    Node node = client.nodes().withName(nodeName).get();
    if (node == null) {
      return false;
    }
    String dir = directories.root().toString();
    Map<String, String> a = node.getMetadata().getAnnotations();
    if (a == null || !dir.equals(a.get(NODE_DIRECTORY))) {
      client
          .nodes()
          .withName(nodeName)
          .edit(
              n -> {
                if (n.getMetadata().getAnnotations() == null) {
                  n.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
                }
                n.getMetadata().getAnnotations().put(NODE_DIRECTORY, dir);
                return n;
              });
      LOG.info("node {} keeps local-path volumes in {}", nodeName, dir);
    }
    return CSINodeRegistration.sync(client, node, maxVolumes);
  }

  private void release(PersistentVolume v) {
    List<String> finalizers = new ArrayList<>(v.getMetadata().getFinalizers());
    finalizers.remove(LocalPathDirectories.CLEANUP_FINALIZER);
    try {
      client
          .persistentVolumes()
          .resource(
              new PersistentVolumeBuilder(v)
                  .editMetadata()
                  .withFinalizers(finalizers)
                  .endMetadata()
                  .build())
          .update();
      LOG.info("removed the directory of deleted volume {}", v.getMetadata().getName());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        changed(); // a conflict: the next pass sees the newer volume
      }
    }
  }

  @Override
  public void close() {
    volumes.close();
    worker.shutdownNow();
  }
}
