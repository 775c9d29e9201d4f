package io.nauta.benchmarks;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.nauta.node.proxy.EndpointsMap;
import io.nauta.node.proxy.Nft;
import io.nauta.node.proxy.NftScript;
import io.nauta.node.proxy.ProxyRules;
import io.nauta.node.proxy.ServicePorts;
import io.nauta.node.proxy.ServiceProxy;
import io.nauta.node.proxy.ServiceSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The service proxy at size, in the network namespace this process runs in (run it in a scratch
 * one: {@code scripts/bench-proxy.sh}): {@code services} NodePort services with {@code endpoints}
 * endpoints in all, spread over 10 nodes.
 *
 * <ol>
 *   <li>sync time of the whole ruleset: generating it (ruleset + script) and {@code nft -f}, into
 *       an empty namespace and replacing an existing table of that size;
 *   <li>programming latency: {@code changes} endpoint changes (an endpoint of a random service
 *       replaced by a new address) at random intervals averaging {@code gap} ms, each timed from
 *       the change to the end of the first sync that started after it (the rules are then in the
 *       kernel), through the real proxy loop (100 ms minimum sync interval).
 * </ol>
 *
 * <p>Usage: {@code ProxySync [services=1000] [endpoints=10000] [changes=300] [gap-ms=100]}.
 */
public final class ProxySync {
  private static final String NODE = "node-0";

  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int endpoints = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int changes = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    int gapMs = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    Source source = new Source(services, endpoints);
    System.out.printf("service proxy: %d services (NodePort), %d endpoints%n", services, endpoints);

    Nft nft = new Nft();
    NftScript scripts = new NftScript(ProxyRules.TABLE);
    ProxyRules rules = new ProxyRules(NODE, "10.42.0.0/16");
    for (String run : List.of("into an empty namespace", "replacing a table of that size")) {
      long t0 = System.nanoTime();
      var ruleset =
          rules.build(ServicePorts.of(source.services()), EndpointsMap.of(source.endpointSlices()));
      String script = scripts.replace(ruleset);
      long t1 = System.nanoTime();
      nft.apply(script);
      long t2 = System.nanoTime();
      System.out.printf(
          "full sync %s: generate %.0f ms, nft -f %.0f ms, total %.0f ms (%d chains, %d rules,"
              + " %d statements)%n",
          run,
          ms(t1 - t0),
          ms(t2 - t1),
          ms(t2 - t0),
          ruleset.chains().size(),
          ruleset.ruleCount(),
          script.lines().count());
    }

    List<ServiceProxy.Sync> syncs = new CopyOnWriteArrayList<>();
    ServiceProxy proxy =
        new ServiceProxy(
            source, nft, new ServiceProxy.Config(NODE, "10.42.0.0/16"), Clock.systemUTC());
    proxy.onSync(syncs::add);
    proxy.start(); // its first sync replaces the table again
    waitFor(syncs, Instant.MIN);
    Random random = new Random(7);
    List<Instant> changed = new ArrayList<>();
    for (int i = 0; i < changes; i++) {
      Thread.sleep((long) (-Math.log(1 - random.nextDouble()) * gapMs));
      source.replaceEndpoint(random.nextInt(services), i);
      changed.add(Instant.now());
      proxy.changed();
    }
    waitFor(syncs, changed.getLast());
    proxy.close();

    List<Double> latencies = new ArrayList<>();
    for (Instant c : changed) {
      ServiceProxy.Sync first =
          syncs.stream().filter(s -> !s.started().isBefore(c)).findFirst().orElseThrow();
      latencies.add(ms(Duration.between(c, first.finished()).toNanos()));
    }
    List<ServiceProxy.Sync> incremental =
        syncs.stream().filter(s -> !s.full() && s.statements() > 0).toList();
    List<Double> applies =
        incremental.stream()
            .map(s -> ms(Duration.between(s.generated(), s.finished()).toNanos()))
            .toList();
    List<Double> generates =
        incremental.stream()
            .map(s -> ms(Duration.between(s.started(), s.generated()).toNanos()))
            .toList();
    long failed = syncs.stream().filter(s -> s.error() != null).count();
    System.out.printf(
        "incremental syncs: %d for %d changes, %.0f statements on average; generate p50 %.1f ms,"
            + " nft -f p50 %.1f ms p99 %.1f ms; failed syncs %d%n",
        incremental.size(),
        changes,
        incremental.stream().mapToInt(ServiceProxy.Sync::statements).average().orElse(0),
        Percentiles.of(generates).at(50),
        Percentiles.of(applies).at(50),
        Percentiles.of(applies).at(99),
        failed);
    System.out.printf(
        "programming latency (endpoint change -> rules in the kernel), %d changes, mean gap %d"
            + " ms: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms%n",
        changes,
        gapMs,
        Percentiles.of(latencies).at(50),
        Percentiles.of(latencies).at(90),
        Percentiles.of(latencies).at(99),
        Percentiles.of(latencies).at(100));
  }

  private static void waitFor(List<ServiceProxy.Sync> syncs, Instant after)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (syncs.stream().noneMatch(s -> !s.started().isBefore(after))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no sync after " + after + ": " + syncs);
      }
      Thread.sleep(5);
    }
    var last = syncs.getLast();
    if (last.error() != null) {
      throw new IllegalStateException("sync failed: " + last.error());
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Services with one slice each; an endpoint change swaps one slice for a new one. */
  static final class Source implements ServiceSource {
    private final List<Service> services = new ArrayList<>();
    private final Map<Integer, EndpointSlice> slices = new ConcurrentHashMap<>();
    private final int perService;

    Source(int count, int endpoints) {
      perService = Math.max(1, endpoints / count);
      for (int s = 0; s < count; s++) {
        services.add(
            new ServiceBuilder()
                .withNewMetadata()
                .withNamespace("bench")
                .withName("svc-" + s)
                .endMetadata()
                .withNewSpec()
                .withType("NodePort")
                .withClusterIP("10.43." + (s / 250) + "." + (s % 250 + 1))
                .addNewPort()
                .withName("http")
                .withProtocol("TCP")
                .withPort(80)
                .withNodePort(30000 + s)
                .endPort()
                .endSpec()
                .build());
        List<String> ips = new ArrayList<>();
        for (int e = 0; e < perService; e++) {
          ips.add(address(s * perService + e));
        }
        slices.put(s, slice(s, ips));
      }
    }

    /** Replaces the first endpoint of service {@code s} by a fresh address. */
    void replaceEndpoint(int s, int change) {
      List<String> ips = new ArrayList<>();
      for (var e : slices.get(s).getEndpoints()) {
        ips.add(e.getAddresses().getFirst());
      }
      ips.set(0, address(1_000_000 + change));
      slices.put(s, slice(s, ips));
    }

    private static String address(int n) {
      // 10.42.0.0/16 holds 65,536 addresses; changes use 10.44.0.0/14 so they never collide
      int base = n >= 1_000_000 ? (10 << 24) | (44 << 16) : (10 << 24) | (42 << 16);
      int v = base + (n % 1_000_000) + 1;
      return ((v >>> 24) & 255)
          + "."
          + ((v >>> 16) & 255)
          + "."
          + ((v >>> 8) & 255)
          + "."
          + (v & 255);
    }

    private static EndpointSlice slice(int s, List<String> ips) {
      return new EndpointSliceBuilder()
          .withNewMetadata()
          .withNamespace("bench")
          .withName("svc-" + s + "-1")
          .withLabels(Map.of(EndpointsMap.SERVICE_NAME_LABEL, "svc-" + s))
          .endMetadata()
          .withAddressType("IPv4")
          .addNewPort()
          .withName("http")
          .withProtocol("TCP")
          .withPort(8080)
          .endPort()
          .withEndpoints(
              ips.stream()
                  .map(
                      ip ->
                          new EndpointBuilder()
                              .withAddresses(ip)
                              .withNodeName("node-" + (Math.abs(ip.hashCode()) % 10))
                              .withNewConditions()
                              .withReady(true)
                              .endConditions()
                              .build())
                  .toList())
          .build();
    }

    @Override
    public Collection<Service> services() {
      return List.copyOf(services);
    }

    @Override
    public Collection<EndpointSlice> endpointSlices() {
      return List.copyOf(slices.values());
    }
  }
}
