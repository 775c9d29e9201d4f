package io.nauta.dns.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nauta.dns.records.ClusterRecords;
import io.nauta.dns.records.PodDirectory;
import io.nauta.dns.records.RecordsBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Address;

/**
 * The informers behind the DNS records (see the package description). {@link #records} is the
 * latest snapshot; it is rebuilt on one background thread, at most once per burst of events, and
 * never blocks a query.
 */
public final class ClusterWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);
  private static final String POD_IP_INDEX = "podIP";

  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<EndpointSlice> slices;
  private final SharedIndexInformer<Pod> pods;
  private final AtomicReference<ClusterRecords> current =
      new AtomicReference<>(ClusterRecords.EMPTY);
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicLong serial;
  private final ExecutorService rebuilder =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "nauta-dns-records");
            t.setDaemon(true);
            return t;
          });
  private final PodDirectory directory;

  private ClusterWatch(KubernetesClient client, Clock clock) {
    this.serial = new AtomicLong(clock.instant().getEpochSecond());
    this.services = client.resources(Service.class).inAnyNamespace().runnableInformer(0);
    this.slices = client.resources(EndpointSlice.class).inAnyNamespace().runnableInformer(0);
    this.pods = client.resources(Pod.class).inAnyNamespace().runnableInformer(0);
    pods.addIndexers(Map.of(POD_IP_INDEX, ClusterWatch::podIps));
    this.directory = this::hasPod;
    Rebuild rebuild = new Rebuild();
    services.addEventHandler(rebuild);
    slices.addEventHandler(rebuild);
  }

  /**
   * Starts watching through {@code client} and returns once every informer has listed (or {@code
   * timeout} passed: then answers follow as soon as the lists arrive).
   */
  public static ClusterWatch start(KubernetesClient client, Clock clock, Duration timeout)
      throws InterruptedException {
    ClusterWatch w = new ClusterWatch(client, clock);
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (SharedIndexInformer<?> i : List.of(w.services, w.slices, w.pods)) {
      started.add(i.start().toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(started.toArray(new CompletableFuture[0]))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("DNS records not listed yet ({}); answering as they arrive", e.toString());
    }
    try {
      // on the rebuild thread, so no event's rebuild can finish before this one and be overwritten
      w.rebuilder.submit(w::rebuild).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot build the first DNS records", e.getCause());
    }
    return w;
  }

  /** The latest records; never null. */
  public ClusterRecords records() {
    return current.get();
  }

  private void requestRebuild() {
    if (pending.compareAndSet(false, true)) {
      rebuilder.execute(
          () -> {
            pending.set(false);
            rebuild();
          });
    }
  }

  private void rebuild() {
    try {
      current.set(
          RecordsBuilder.build(
              services.getStore().list(),
              slices.getStore().list(),
              directory,
              serial.incrementAndGet()));
    } catch (RuntimeException e) {
      LOG.error("cannot rebuild the DNS records; keeping the previous ones", e);
    }
  }

  private boolean hasPod(String namespace, InetAddress ip) {
    for (Pod p : pods.getIndexer().byIndex(POD_IP_INDEX, ip.getHostAddress())) {
      if (p.getMetadata().getNamespace().toLowerCase(Locale.ROOT).equals(namespace)) {
        return true;
      }
    }
    return false;
  }

  /** A pod's IPs, canonical (as {@link InetAddress#getHostAddress} writes them). */
  static List<String> podIps(Pod p) {
    if (p.getStatus() == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    if (p.getStatus().getPodIPs() != null) {
      for (PodIP ip : p.getStatus().getPodIPs()) {
        canonical(ip.getIp()).ifPresent(out::add);
      }
    }
    canonical(p.getStatus().getPodIP()).ifPresent(out::add);
    return List.copyOf(out);
  }

  private static Optional<String> canonical(String ip) {
    if (ip == null || ip.isEmpty()) {
      return Optional.empty();
    }
    int family = ip.contains(":") ? Address.IPv6 : Address.IPv4;
    byte[] b = Address.toByteArray(ip, family);
    try {
      return b == null
          ? Optional.empty()
          : Optional.of(InetAddress.getByAddress(b).getHostAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    services.close();
    slices.close();
    pods.close();
    rebuilder.shutdownNow();
  }

  /** Any change to a Service or EndpointSlice asks for a rebuild. */
  private final class Rebuild implements ResourceEventHandler<HasMetadata> {
    @Override
    public void onAdd(HasMetadata obj) {
      requestRebuild();
    }

    @Override
    public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
      if (!oldObj
          .getMetadata()
          .getResourceVersion()
          .equals(newObj.getMetadata().getResourceVersion())) {
        requestRebuild();
      }
    }

    @Override
    public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
      requestRebuild();
    }
  }
}
