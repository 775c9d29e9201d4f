package io.nauta.node.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.client.backoff.Backoff;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's service proxy: keeps the kernel's {@code nauta-proxy} table in step with the services
 * and endpoints of a {@link ServiceSource}. Changes are coalesced: a sync starts as soon as one is
 * asked for, but at most once per {@link Config#minSyncInterval}; a change during a sync causes one
 * more. A sync computes the whole desired ruleset and applies only its difference to the last
 * applied one in one transaction; the first sync, and the one after a failure, replaces the table.
 * Failures are retried with backoff. {@link #close} deletes the table.
 */
public final class ServiceProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);
  private static final String BACKOFF_KEY = "sync";

  /**
   * @param nodeName this node: endpoints naming it are local
   * @param clusterCidr the pods' addresses (cluster-IP traffic from elsewhere is masqueraded)
   * @param minSyncInterval the least time between the starts of two syncs
   * @param resyncPeriod how often to sync without a change; such a sync also checks that the table
   *     is still there (someone may have deleted it) and replaces it if not
   */
  public record Config(
      String nodeName, String clusterCidr, Duration minSyncInterval, Duration resyncPeriod) {
    /** Syncs at most every 100 ms, and every 30 s regardless. */
    public Config(String nodeName, String clusterCidr) {
      this(nodeName, clusterCidr, Duration.ofMillis(100), Duration.ofSeconds(30));
    }
  }

  /**
   * What one sync did.
   *
   * @param started when it began reading the services (changes before this are in it)
   * @param generated when the ruleset and script were ready
   * @param finished when the kernel held the new rules (or the sync failed)
   * @param full whether it replaced the whole table
   * @param statements the script's statements, 0 when nothing changed
   * @param error why it failed, or null
   */
  public record Sync(
      Instant started,
      Instant generated,
      Instant finished,
      boolean full,
      int statements,
      int rules,
      String error) {}

  private final ServiceSource source;
  private final Nft nft;
  private final Conntrack conntrack;
  private final Config config;
  private final Clock clock;
  private final ProxyRules rules;
  private final NftScript scripts = new NftScript(ProxyRules.TABLE);
  private final Backoff backoff;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final List<Consumer<Sync>> listeners = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> owned = new ArrayList<>();
  private volatile Instant lastStart = Instant.MIN;
  private volatile boolean started;
  private volatile boolean closed;
  private volatile boolean verify;
  // only the executor's thread touches these
  private Ruleset applied; // null: the kernel's table is unknown
  private Map<String, StaleFlows.UdpPort> udpPorts = Map.of();
  private boolean conntrackMissing;

  /** A proxy that deletes no conntrack entries (for tests and benchmarks of the rules alone). */
  public ServiceProxy(ServiceSource source, Nft nft, Config config, Clock clock) {
    this(source, nft, Conntrack.NONE, config, clock);
  }

  /**
   * @param conntrack deletes the UDP flows a change leaves stale; run in the same network namespace
   *     as {@code nft}
   */
  public ServiceProxy(
      ServiceSource source, Nft nft, Conntrack conntrack, Config config, Clock clock) {
    this.source = source;
    this.nft = nft;
    this.conntrack = conntrack;
    this.config = config;
    this.clock = clock;
    this.rules = new ProxyRules(config.nodeName(), config.clusterCidr());
    this.backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), clock);
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "service-proxy");
              t.setDaemon(true);
              return t;
            });
    // on close, a running sync finishes (nft is not killed mid-transaction); waiting ones go
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Starts a proxy for this process's network namespace fed by informers of {@code client}: sets
   * the kernel settings it needs, waits for the informers' first lists, then syncs.
   */
  public static ServiceProxy start(KubernetesClient client, Config config, Clock clock) {
    ProxySysctls.ensure(Path.of("/proc/sys")).forEach(p -> LOG.warn("service proxy: {}", p));
    return start(client, config, new Nft(), new Conntrack(), clock);
  }

  /**
   * Starts a proxy fed by informers of {@code client} applying its rules with {@code nft} and
   * {@code conntrack} (which may run in another network namespace; its kernel settings are then the
   * caller's concern).
   */
  public static ServiceProxy start(
      KubernetesClient client, Config config, Nft nft, Conntrack conntrack, Clock clock) {
    AtomicReference<ServiceProxy> started = new AtomicReference<>();
    // events during the informers' first lists are not needed: the first sync reads them all
    ApiServiceSource informers =
        ApiServiceSource.start(
            client,
            () -> {
              ServiceProxy p = started.get();
              if (p != null) {
                p.changed();
              }
            });
    try {
      ServiceProxy proxy = new ServiceProxy(informers, nft, conntrack, config, clock);
      proxy.owned.add(informers);
      started.set(proxy);
      proxy.start();
      return proxy;
    } catch (RuntimeException e) {
      informers.close();
      throw e;
    }
  }

  /** Calls {@code listener} (on the proxy's thread) after every sync. */
  public void onSync(Consumer<Sync> listener) {
    listeners.add(listener);
  }

  /** Starts syncing: once now, then on every {@link #changed} and every resync period. */
  public void start() {
    started = true;
    long period = config.resyncPeriod().toMillis();
    executor.scheduleWithFixedDelay(
        () -> {
          verify = true;
          changed();
        },
        period,
        period,
        TimeUnit.MILLISECONDS);
    changed();
  }

  /** Asks for a sync: services or endpoints changed. Cheap, never blocks, thread-safe. */
  public void changed() {
    if (!started || closed || !pending.compareAndSet(false, true)) {
      return;
    }
    Instant now = clock.instant();
    Instant earliest = lastStart.plus(config.minSyncInterval());
    Duration wait = earliest.isAfter(now) ? Duration.between(now, earliest) : Duration.ZERO;
    Duration held = backoff.remaining(BACKOFF_KEY);
    if (held.compareTo(wait) > 0) {
      wait = held;
    }
    try {
      executor.schedule(this::sync, wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      pending.set(false); // closing
    }
  }

  private void sync() {
    pending.set(false);
    if (closed) {
      return;
    }
    Instant start = clock.instant();
    lastStart = start;
    Instant generated = start;
    boolean full = applied == null;
    int statements = 0;
    Ruleset desired = null;
    try {
      List<ServicePort> ports = ServicePorts.of(source.services());
      Map<ServicePort.Key, List<Endpoint>> endpoints = EndpointsMap.of(source.endpointSlices());
      desired = rules.build(ports, endpoints);
      String script = full ? scripts.replace(desired) : scripts.update(applied, desired);
      if (script.isEmpty() && verify) {
        script = scripts.touch(desired); // fails if the table is gone
      }
      verify = false;
      statements = (int) script.chars().filter(c -> c == '\n').count();
      generated = clock.instant();
      if (statements > 0) {
        nft.apply(script);
      }
      applied = desired;
      clearStaleFlows(ports, endpoints);
      backoff.reset(BACKOFF_KEY);
      notify(
          new Sync(start, generated, clock.instant(), full, statements, desired.ruleCount(), null));
    } catch (RuntimeException e) {
      applied = null; // replace the table next time, whatever state it is in
      Duration retry = backoff.failed(BACKOFF_KEY);
      LOG.warn(
          "service proxy: sync failed, retrying in {} ms: {}", retry.toMillis(), e.getMessage());
      int ruleCount = desired == null ? 0 : desired.ruleCount();
      notify(
          new Sync(
              start,
              generated,
              clock.instant(),
              full,
              statements,
              ruleCount,
              String.valueOf(e.getMessage())));
      changed();
    }
  }

  /** Deletes the UDP flows the rules just applied left stale. Failures are only logged. */
  private void clearStaleFlows(
      List<ServicePort> ports, Map<ServicePort.Key, List<Endpoint>> endpoints) {
    Map<String, StaleFlows.UdpPort> next = StaleFlows.udpPorts(ports, endpoints, config.nodeName());
    for (List<String> args : StaleFlows.deletions(udpPorts, next)) {
      if (conntrackMissing) {
        break;
      }
      try {
        if (!conntrack.delete(args)) {
          conntrackMissing = true;
          LOG.warn(
              "service proxy: conntrack is not installed; UDP clients may keep reaching removed"
                  + " endpoints until their flows time out");
        }
      } catch (IllegalStateException e) {
        LOG.warn("service proxy: {}", e.getMessage());
      }
    }
    udpPorts = next;
  }

  private void notify(Sync sync) {
    for (var l : listeners) {
      try {
        l.accept(sync);
      } catch (RuntimeException e) {
        LOG.warn("service proxy: a sync listener failed", e);
      }
    }
  }

  /** Stops syncing and deletes the table. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("service proxy: while stopping its informers: {}", e.getMessage());
      }
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(70, TimeUnit.SECONDS)) {
        LOG.warn("service proxy: a sync is still running");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      nft.apply(scripts.delete());
    } catch (RuntimeException e) {
      LOG.warn("service proxy: cannot delete table {}: {}", ProxyRules.TABLE, e.getMessage());
    }
  }
}
