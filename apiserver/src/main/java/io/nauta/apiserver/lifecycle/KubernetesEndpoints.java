package io.nauta.apiserver.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.UpdatePart;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.status.ApiException;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live API servers' addresses as the endpoints of the {@code default/kubernetes} Service: the
 * Endpoints and the EndpointSlice named {@code kubernetes} (managed by {@value #MANAGED_BY}), as
 * Kubernetes' lease endpoint reconciler keeps them. Each API server sharing the store renews a
 * Lease {@code kube-system/nauta-apiserver-<address>} at start and periodically, and writes the
 * endpoints as the addresses of the Leases not expired ({@link #LEASE_SECONDS}); on a clean
 * shutdown it deletes its Lease and its address. A server that dies drops out when its Lease
 * expires.
 */
public final class KubernetesEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEndpoints.class);

  /** The {@code endpointslice.kubernetes.io/managed-by} value of the slice. */
  public static final String MANAGED_BY = "nauta-apiserver";

  /** How long an API server's address stays after its last renewal. */
  public static final int LEASE_SECONDS = 15;

  static final String LEASE_PREFIX = "nauta-apiserver-";

  private final Registry registry;
  private final String address;
  private final int port;
  private final ResourceType endpoints;
  private final ResourceType slices;
  private final ResourceType leases;
  private ScheduledFuture<?> refresh;

  /**
   * @param address this server's advertise address (IPv4)
   * @param port the port it serves the API on
   */
  public KubernetesEndpoints(Registry registry, String address, int port) {
    this.registry = registry;
    this.address = address;
    this.port = port;
    this.endpoints = registry.catalog().find("", "v1", "endpoints").orElseThrow();
    this.slices = registry.catalog().find("discovery.k8s.io", "v1", "endpointslices").orElseThrow();
    this.leases = registry.catalog().find("coordination.k8s.io", "v1", "leases").orElseThrow();
  }

  /** Adds this server's address now, and again every {@code periodSeconds} on {@code timer}. */
  public KubernetesEndpoints start(ScheduledExecutorService timer, long periodSeconds) {
    reconcile(true);
    refresh =
        timer.scheduleWithFixedDelay(
            () -> reconcile(true), periodSeconds, periodSeconds, TimeUnit.SECONDS);
    return this;
  }

  /**
   * Renews ({@code present}) or deletes this server's Lease, then writes the addresses of the live
   * Leases to both objects.
   */
  public void reconcile(boolean present) {
    try {
      java.util.Set<String> live = present ? renewLease() : deleteLease();
      write(endpoints, newEndpoints(), ep -> withAddresses(ep, live));
      write(slices, newSlice(), slice -> withEndpoints(slice, live));
    } catch (ApiException | io.nauta.store.StoreException e) {
      LOG.warn("cannot update the kubernetes Service's endpoints: {}", e.getMessage());
    }
  }

  private String leaseName() {
    return LEASE_PREFIX + address.replace('.', '-');
  }

  /** Renews this server's Lease; the live servers' addresses, this one's included. */
  private java.util.Set<String> renewLease() {
    String now =
        java.time.format.DateTimeFormatter.ISO_INSTANT.format(
            registry.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    UnaryOperator<ObjectNode> renew =
        lease -> {
          ObjectNode spec = lease.with("spec");
          spec.put("holderIdentity", address);
          spec.put("leaseDurationSeconds", LEASE_SECONDS);
          spec.put("renewTime", now);
          return lease;
        };
    ObjectNode fresh = Codec.JSON.createObjectNode();
    fresh.put("apiVersion", "coordination.k8s.io/v1");
    fresh.put("kind", "Lease");
    fresh.putObject("metadata").put("name", leaseName()).put("namespace", "kube-system");
    write(leases, "kube-system", leaseName(), fresh, renew);
    java.util.Set<String> live = liveAddresses();
    live.add(address);
    return live;
  }

  private java.util.Set<String> deleteLease() {
    try {
      registry.delete(
          leases, "kube-system", leaseName(), io.nauta.apiserver.registry.DeleteOptions.DEFAULT);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
    java.util.Set<String> live = liveAddresses();
    live.remove(address);
    return live;
  }

  /** The holders of the API servers' Leases that have not expired. */
  private java.util.Set<String> liveAddresses() {
    java.time.Instant now = registry.clock().instant();
    java.util.Set<String> live = new TreeSet<>();
    String prefix = Registry.key(leases, "kube-system", LEASE_PREFIX);
    for (var kv : registry.store().range(io.nauta.store.RangeRequest.prefix(prefix)).items()) {
      JsonNode spec = registry.decode(leases, kv).path("spec");
      String holder = spec.path("holderIdentity").asText("");
      String renewed = spec.path("renewTime").asText("");
      if (holder.isEmpty() || renewed.isEmpty()) {
        continue;
      }
      try {
        java.time.Instant until =
            java.time.Instant.parse(renewed)
                .plusSeconds(spec.path("leaseDurationSeconds").asInt(LEASE_SECONDS));
        if (until.isAfter(now)) {
          live.add(holder);
        }
      } catch (java.time.format.DateTimeParseException e) {
        LOG.debug("lease {} has an unreadable renewTime {}", kv.key(), renewed);
      }
    }
    return live;
  }

  private void write(ResourceType rt, ObjectNode fresh, UnaryOperator<ObjectNode> change) {
    write(rt, "default", "kubernetes", fresh, change);
  }

  private void write(
      ResourceType rt,
      String namespace,
      String name,
      ObjectNode fresh,
      UnaryOperator<ObjectNode> change) {
    try {
      registry.guaranteedUpdate(rt, namespace, name, change, UpdatePart.MAIN, WriteOptions.DEFAULT);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
      ObjectNode created = change.apply(fresh);
      if (created == null) {
        return;
      }
      try {
        registry.create(rt, namespace, created, WriteOptions.DEFAULT);
      } catch (ApiException raced) {
        if (raced.code() != 409) {
          throw raced;
        }
        registry.guaranteedUpdate(
            rt, namespace, name, change, UpdatePart.MAIN, WriteOptions.DEFAULT);
      }
    }
  }

  private ObjectNode withAddresses(ObjectNode ep, java.util.Set<String> live) {
    TreeSet<String> had = new TreeSet<>();
    for (JsonNode subset : ep.path("subsets")) {
      subset.path("addresses").forEach(a -> had.add(a.path("ip").asText()));
    }
    TreeSet<String> ips = new TreeSet<>(live);
    boolean changed = !had.equals(ips);
    JsonNode oldPort = ep.path("subsets").path(0).path("ports").path(0).path("port");
    if (!changed && (ips.isEmpty() || oldPort.asInt() == port)) {
      return null;
    }
    ArrayNode subsets = ep.putArray("subsets");
    if (!ips.isEmpty()) {
      ObjectNode subset = subsets.addObject();
      ArrayNode addresses = subset.putArray("addresses");
      ips.forEach(ip -> addresses.addObject().put("ip", ip));
      subset
          .putArray("ports")
          .addObject()
          .put("name", "https")
          .put("port", port)
          .put("protocol", "TCP");
    }
    return ep;
  }

  private ObjectNode withEndpoints(ObjectNode slice, java.util.Set<String> live) {
    TreeSet<String> had = new TreeSet<>();
    for (JsonNode e : slice.path("endpoints")) {
      e.path("addresses").forEach(a -> had.add(a.asText()));
    }
    TreeSet<String> ips = new TreeSet<>(live);
    boolean changed = !had.equals(ips);
    if (!changed && slice.path("ports").path(0).path("port").asInt() == port) {
      return null;
    }
    ArrayNode list = slice.putArray("endpoints");
    for (String ip : ips) {
      ObjectNode e = list.addObject();
      e.putArray("addresses").add(ip);
      e.putObject("conditions").put("ready", true).put("serving", true).put("terminating", false);
    }
    slice
        .putArray("ports")
        .addObject()
        .put("name", "https")
        .put("port", port)
        .put("protocol", "TCP");
    return slice;
  }

  private static ObjectNode newEndpoints() {
    ObjectNode ep = object("v1", "Endpoints");
    ep.with("metadata").putObject("labels").put("endpointslice.kubernetes.io/skip-mirror", "true");
    return ep;
  }

  private static ObjectNode newSlice() {
    ObjectNode slice = object("discovery.k8s.io/v1", "EndpointSlice");
    ObjectNode labels = slice.with("metadata").putObject("labels");
    labels.put("kubernetes.io/service-name", "kubernetes");
    labels.put("endpointslice.kubernetes.io/managed-by", MANAGED_BY);
    slice.put("addressType", "IPv4");
    slice.putArray("endpoints");
    return slice;
  }

  private static ObjectNode object(String apiVersion, String kind) {
    ObjectNode o = Codec.JSON.createObjectNode();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    o.putObject("metadata").put("name", "kubernetes").put("namespace", "default");
    return o;
  }

  /** Stops refreshing and removes this server's address (a clean shutdown). */
  @Override
  public void close() {
    if (refresh != null) {
      refresh.cancel(false);
    }
    reconcile(false);
  }
}
