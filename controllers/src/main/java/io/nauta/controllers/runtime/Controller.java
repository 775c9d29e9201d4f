package io.nauta.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller in Kubernetes' shape: informer event handlers only {@link #enqueue} keys ({@code
 * namespace/name}); worker threads take keys from a {@link WorkQueue} and call the level-driven,
 * idempotent {@link #sync}, which reads the informers' caches and acts until the object's actual
 * state matches its spec. A sync that throws is retried with backoff.
 */
public abstract class Controller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

  /** How soon a sync that hit a write conflict runs again. */
  static final java.time.Duration CONFLICT_RETRY = java.time.Duration.ofMillis(100);

  protected final String name;
  protected final WorkQueue queue;
  private final int workers;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean active = true;

  protected Controller(String name, int workers) {
    this.name = name;
    this.workers = workers;
    this.queue = new WorkQueue(name);
  }

  /** Brings the object named {@code key} to its desired state; throws to be retried later. */
  protected abstract void sync(String key) throws Exception;

  /** The controller's name, e.g. {@code replicaset}. */
  public String name() {
    return name;
  }

  /** Starts the workers; informers must have synced. */
  public synchronized void run() {
    for (int i = 0; i < workers; i++) {
      threads.add(Thread.ofPlatform().name(name + "-" + i).daemon().start(this::work));
    }
  }

  /**
   * Whether workers may act. A standby (not leading) keeps its informers and queue warm but acts on
   * nothing; keys keep queuing and are synced once it leads.
   */
  public void setActive(boolean active) {
    this.active = active;
  }

  private void work() {
    while (true) {
      String key;
      try {
        while (!active) {
          Thread.sleep(100);
        }
        key = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (key == null) {
        return;
      }
      try {
        sync(key);
        queue.forget(key);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
            && k.getCode() == 409) {
          // someone wrote the object meanwhile: sync again from the newer state soon, without
          // the growing backoff of a real failure
          LOG.debug("{}: {} changed while syncing, syncing again", name, key);
          queue.addAfter(key, CONFLICT_RETRY);
        } else {
          LOG.info("{}: syncing {} failed, will retry: {}", name, key, e.toString());
          queue.addRateLimited(key);
        }
      } finally {
        queue.done(key);
      }
    }
  }

  public void enqueue(String key) {
    queue.add(key);
  }

  public void enqueue(HasMetadata object) {
    queue.add(key(object));
  }

  /** {@code namespace/name}, or {@code name} for cluster-scoped objects. */
  public static String key(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    return ns == null || ns.isEmpty()
        ? o.getMetadata().getName()
        : ns + "/" + o.getMetadata().getName();
  }

  @Override
  public synchronized void close() {
    queue.close();
    threads.forEach(Thread::interrupt);
  }
}
