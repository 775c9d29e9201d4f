package io.nauta.controllers.volume.persistentvolume;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.client.events.EventRecorder;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Kubernetes' PersistentVolume controller (see the package description). One queue holds both
 * kinds, keyed {@code pvc/<namespace>/<name>} and {@code pv/<name>}; every object is synced again
 * every {@link #RESYNC} as Kubernetes' binder does, so a claim waiting for a volume finds one that
 * appears later.
 */
public final class PersistentVolumeController extends Controller {
  /** How often every claim and volume is synced again (Kubernetes' default binder period). */
  public static final Duration RESYNC = Duration.ofSeconds(15);

  static final String CLAIM = "pvc/";
  static final String VOLUME = "pv/";

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final VolumeWrites writes;
  private final ScheduledExecutorService resync;

  /** The last event reason reported per claim or volume uid, so a resync repeats no event. */
  private final Map<String, String> reported = new ConcurrentHashMap<>();

  public PersistentVolumeController(
      KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
    super("persistentvolume-binder", 2);
    this.client = client;
    this.informers = informers;
    this.events = events.as("persistentvolume-controller");
    this.writes = new VolumeWrites(client, clock);
    informers.of(StorageClass.class);
    informers
        .of(PersistentVolumeClaim.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(PersistentVolumeClaim c) {
                enqueueClaim(c);
              }

              @Override
              public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim c) {
                enqueueClaim(c);
              }

              @Override
              public void onDelete(PersistentVolumeClaim c, boolean unknown) {
                reported.remove(c.getMetadata().getUid());
                // its volume is released
                String volume = c.getSpec() == null ? null : c.getSpec().getVolumeName();
                if (volume != null && !volume.isEmpty()) {
                  enqueue(VOLUME + volume);
                }
                enqueueClaim(c);
              }
            });
    informers
        .of(PersistentVolume.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(PersistentVolume v) {
                enqueueVolume(v);
              }

              @Override
              public void onUpdate(PersistentVolume old, PersistentVolume v) {
                enqueueVolume(v);
              }

              @Override
              public void onDelete(PersistentVolume v, boolean unknown) {
                reported.remove(v.getMetadata().getUid());
                ObjectReference ref = v.getSpec() == null ? null : v.getSpec().getClaimRef();
                if (ref != null) {
                  enqueue(CLAIM + ref.getNamespace() + "/" + ref.getName());
                }
              }
            });
    this.resync =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(name + "-resync").daemon().factory());
  }

  private void enqueueClaim(PersistentVolumeClaim c) {
    enqueue(CLAIM + key(c));
  }

  private void enqueueVolume(PersistentVolume v) {
    enqueue(VOLUME + v.getMetadata().getName());
    ObjectReference ref = v.getSpec() == null ? null : v.getSpec().getClaimRef();
    if (ref != null) {
      enqueue(CLAIM + ref.getNamespace() + "/" + ref.getName());
    } else if (v.getStatus() != null && "Available".equals(v.getStatus().getPhase())) {
      // a claim waiting for a volume may fit this one
      for (PersistentVolumeClaim c : informers.of(PersistentVolumeClaim.class).getStore().list()) {
        if (c.getSpec() != null && isEmpty(c.getSpec().getVolumeName())) {
          enqueueClaim(c);
        }
      }
    }
  }

  @Override
  public synchronized void run() {
    super.run();
    long period = RESYNC.toMillis();
    resync.scheduleWithFixedDelay(this::enqueueAll, period, period, TimeUnit.MILLISECONDS);
  }

  private void enqueueAll() {
    // every claim is enqueued already: a free volume need not enqueue the unbound ones again
    informers.of(PersistentVolumeClaim.class).getStore().list().forEach(this::enqueueClaim);
    informers
        .of(PersistentVolume.class)
        .getStore()
        .list()
        .forEach(v -> enqueue(VOLUME + v.getMetadata().getName()));
  }

  @Override
  protected void sync(String key) {
    if (key.startsWith(CLAIM)) {
      PersistentVolumeClaim claim =
          informers.get(PersistentVolumeClaim.class, key.substring(CLAIM.length()));
      if (claim != null) {
        new ClaimSync(this, claim).run();
      }
    } else if (key.startsWith(VOLUME)) {
      PersistentVolume volume =
          informers.get(PersistentVolume.class, key.substring(VOLUME.length()));
      if (volume != null) {
        new VolumeSync(this, volume).run();
      }
    }
  }

  // what the two syncs share

  VolumeWrites writes() {
    return writes;
  }

  KubernetesClient client() {
    return client;
  }

  List<PersistentVolume> volumes() {
    return informers.of(PersistentVolume.class).getStore().list();
  }

  PersistentVolume volume(String name) {
    return informers.get(PersistentVolume.class, name);
  }

  StorageClass storageClass(String name) {
    return informers.get(StorageClass.class, name);
  }

  /**
   * The claim a volume refers to, from the cache, or else from the API server: a claim just created
   * may not be cached yet, and a volume must not be released for a stale cache.
   */
  PersistentVolumeClaim claim(String namespace, String name) {
    PersistentVolumeClaim c = informers.get(PersistentVolumeClaim.class, namespace + "/" + name);
    if (c == null) {
      c = client.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
    }
    return c;
  }

  void requeueClaim(String namespace, String name) {
    enqueue(CLAIM + namespace + "/" + name);
  }

  /** Records the event unless the same reason was the last one recorded about {@code about}. */
  void event(HasMetadata about, boolean warning, String reason, String message) {
    String previous = reported.put(about.getMetadata().getUid(), reason + "\n" + message);
    if (Objects.equals(previous, reason + "\n" + message)) {
      return;
    }
    if (warning) {
      events.warning(about, reason, message);
    } else {
      events.normal(about, reason, message);
    }
  }

  /** Forgets the last event about {@code about}, so the next one is recorded whatever it is. */
  void eventsSettled(HasMetadata about) {
    reported.remove(about.getMetadata().getUid());
  }

  static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  @Override
  public synchronized void close() {
    resync.shutdownNow();
    super.close();
  }
}
