package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nauta.client.events.EventRecorder;
import io.nauta.cri.CriClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link PodWorker} per pod bound to this node, each on its own virtual thread: it syncs when
 * the pod changes and at least every {@link #RESYNC_SECONDS} (containers change without API
 * events), one pass at a time, and ends once the pod is gone.
 */
public final class PodWorkers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodWorkers.class);
  static final int RESYNC_SECONDS = 1;

  private final KubernetesClient client;
  private final CriClient cri;
  private final EventRecorder events;
  private final Clock clock;
  private final Path logs;
  private final String nodeIp;
  private final java.util.function.Consumer<String> plainHttp;
  private final Map<String, Semaphore> wakeups = new ConcurrentHashMap<>();
  private volatile SharedIndexInformer<Pod> pods;
  private volatile boolean closed;

  /**
   * @param plainHttp told each loopback registry host an image is about to be pulled from, so the
   *     runtime reaches it over plain HTTP
   */
  public PodWorkers(
      KubernetesClient client,
      CriClient cri,
      Clock clock,
      Path logs,
      String nodeIp,
      java.util.function.Consumer<String> plainHttp) {
    this.client = client;
    this.cri = cri;
    this.events = new EventRecorder(client, "kubelet", clock);
    this.clock = clock;
    this.logs = logs;
    this.nodeIp = nodeIp;
    this.plainHttp = plainHttp;
  }

  /** Watches the pods bound to {@code nodeName} and runs them. */
  public void start(String nodeName) {
    pods =
        client
            .pods()
            .inAnyNamespace()
            .withField("spec.nodeName", nodeName)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod p) {
                    wake(p);
                  }

                  @Override
                  public void onUpdate(Pod old, Pod p) {
                    wake(p);
                  }

                  @Override
                  public void onDelete(Pod p, boolean unknown) {
                    wake(p);
                  }
                });
  }

  /** The pod bound to this node with that namespace and name, as last seen; empty if none. */
  public java.util.Optional<Pod> pod(String namespace, String name) {
    SharedIndexInformer<Pod> informer = pods;
    return informer == null
        ? java.util.Optional.empty()
        : java.util.Optional.ofNullable(informer.getIndexer().getByKey(namespace + "/" + name));
  }

  private void wake(Pod p) {
    String key = p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    String uid = p.getMetadata().getUid();
    Semaphore signal =
        wakeups.computeIfAbsent(
            uid,
            u -> {
              Semaphore s = new Semaphore(0);
              Thread.ofVirtual().name("pod-" + key).start(() -> run(key, uid, s));
              return s;
            });
    signal.release();
  }

  private void run(String key, String uid, Semaphore signal) {
    PodWorker worker =
        new PodWorker(
            client,
            cri,
            events,
            clock,
            logs,
            nodeIp,
            () -> {
              Pod p = pods.getIndexer().getByKey(key);
              return p != null && uid.equals(p.getMetadata().getUid()) ? p : null;
            },
            plainHttp);
    try {
      while (!closed) {
        signal.tryAcquire(RESYNC_SECONDS, TimeUnit.SECONDS);
        signal.drainPermits();
        try {
          if (!worker.sync()) {
            break;
          }
        } catch (RuntimeException e) {
          LOG.info("pod {}: sync failed, will retry: {}", key, e.getMessage());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      wakeups.remove(uid);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (pods != null) {
      pods.close();
    }
    events.close();
  }
}
