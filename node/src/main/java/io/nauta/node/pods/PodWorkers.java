package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nauta.client.events.EventRecorder;
import io.nauta.cri.CriClient;
import io.nauta.node.sources.ApiPodSources;
import io.nauta.node.volumes.PodVolumes;
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
  private final io.nauta.node.images.Registries registries;
  private final Map<String, Semaphore> wakeups = new ConcurrentHashMap<>();
  private volatile SharedIndexInformer<Pod> pods;
  private ApiPodSources sources;
  private PodVolumes volumes;
  private ContainerInputs inputs;
  private volatile LinuxConfigs linux;
  private volatile boolean closed;
  private volatile io.nauta.node.network.PodDns dns;

  /**
   * @param registries prepared before each pull (loopback registries over plain HTTP) and asked for
   *     node credentials
   */
  public PodWorkers(
      KubernetesClient client,
      CriClient cri,
      Clock clock,
      Path logs,
      String nodeIp,
      io.nauta.node.images.Registries registries) {
    this.client = client;
    this.cri = cri;
    this.events = new EventRecorder(client, "kubelet", clock);
    this.clock = clock;
    this.logs = logs;
    this.nodeIp = nodeIp;
    this.registries = registries;
  }

  /**
   * Gives pods resolv.conf files made by {@code dns} (the cluster DNS for ClusterFirst); without it
   * pods get the runtime's default (the node's resolv.conf). Call before {@link #start}.
   */
  public PodWorkers withDns(io.nauta.node.network.PodDns dns) {
    this.dns = dns;
    return this;
  }

  /** Watches the pods bound to {@code nodeName} and runs them. */
  public void start(String nodeName) {
    sources = new ApiPodSources(client, nodeName, clock);
    volumes = new PodVolumes(logs.resolveSibling("volumes"), sources, clock);
    inputs = new ContainerInputs(sources, volumes, events, nodeIp);
    if (dns != null) {
      inputs.clusterDomain(dns.clusterDomain());
    }
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
    Thread.ofVirtual().name("orphaned-pods").start(this::removeOrphans);
  }

  /** Once the pods bound here are known: what runs for other pods goes (see {@link Orphans}). */
  private void removeOrphans() {
    try {
      while (!closed && !pods.hasSynced()) {
        Thread.sleep(50);
      }
      if (closed) {
        return;
      }
      java.util.function.Predicate<String> live =
          uid ->
              wakeups.containsKey(uid)
                  || pods.getStore().list().stream()
                      .anyMatch(p -> uid.equals(p.getMetadata().getUid()));
      Orphans.remove(cri, live);
      volumes.removeOrphans(live);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("cannot look for orphaned pods: {}", e.getMessage());
    }
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
            registries,
            inputs,
            linux());
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

  /** The host's cgroup and resource settings, found out once, when the first pod runs. */
  private LinuxConfigs linux() {
    LinuxConfigs l = linux;
    if (l == null) {
      synchronized (this) {
        if (linux == null) {
          long memory;
          try {
            memory = io.nauta.node.machine.Machine.local(logs).memoryBytes();
          } catch (java.io.IOException e) {
            memory = 0;
          }
          linux = LinuxConfigs.detect(cri, memory, dns);
          LOG.info(
              "pods run under {} cgroups; OOM score adjustments from {}",
              linux.cgroups().driver(),
              linux.resources().oomScoreFloor());
        }
        l = linux;
      }
    }
    return l;
  }

  @Override
  public void close() {
    closed = true;
    if (pods != null) {
      pods.close();
    }
    if (sources != null) {
      sources.close();
    }
    events.close();
  }
}
