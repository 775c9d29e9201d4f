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
 * This API server's address in the endpoints of the {@code default/kubernetes} Service: the
 * Endpoints and the EndpointSlice named {@code kubernetes} (managed by {@value #MANAGED_BY}). Each
 * API server sharing the store adds its own address at start, re-adds it periodically (should
 * another server's write have lost it) and removes it on a clean shutdown; a server that dies
 * leaves its address behind until someone removes it.
 */
public final class KubernetesEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEndpoints.class);

  /** The {@code endpointslice.kubernetes.io/managed-by} value of the slice. */
  public static final String MANAGED_BY = "nauta-apiserver";

  private final Registry registry;
  private final String address;
  private final int port;
  private final ResourceType endpoints;
  private final ResourceType slices;
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
  }

  /** Adds this server's address now, and again every {@code periodSeconds} on {@code timer}. */
  public KubernetesEndpoints start(ScheduledExecutorService timer, long periodSeconds) {
    reconcile(true);
    refresh =
        timer.scheduleWithFixedDelay(
            () -> reconcile(true), periodSeconds, periodSeconds, TimeUnit.SECONDS);
    return this;
  }

  /** Adds ({@code present}) or removes this server's address in both objects. */
  public void reconcile(boolean present) {
    try {
      write(endpoints, newEndpoints(), ep -> withAddress(ep, present));
      write(slices, newSlice(), slice -> withEndpoint(slice, present));
    } catch (ApiException | io.nauta.store.StoreException e) {
      LOG.warn("cannot update the kubernetes Service's endpoints: {}", e.getMessage());
    }
  }

  private void write(ResourceType rt, ObjectNode fresh, UnaryOperator<ObjectNode> change) {
    try {
      registry.guaranteedUpdate(
          rt, "default", "kubernetes", change, UpdatePart.MAIN, WriteOptions.DEFAULT);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
      ObjectNode created = change.apply(fresh);
      if (created == null) {
        return;
      }
      try {
        registry.create(rt, "default", created, WriteOptions.DEFAULT);
      } catch (ApiException raced) {
        if (raced.code() != 409) {
          throw raced;
        }
        registry.guaranteedUpdate(
            rt, "default", "kubernetes", change, UpdatePart.MAIN, WriteOptions.DEFAULT);
      }
    }
  }

  private ObjectNode withAddress(ObjectNode ep, boolean present) {
    TreeSet<String> ips = new TreeSet<>();
    for (JsonNode subset : ep.path("subsets")) {
      subset.path("addresses").forEach(a -> ips.add(a.path("ip").asText()));
    }
    boolean changed = present ? ips.add(address) : ips.remove(address);
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

  private ObjectNode withEndpoint(ObjectNode slice, boolean present) {
    TreeSet<String> ips = new TreeSet<>();
    for (JsonNode e : slice.path("endpoints")) {
      e.path("addresses").forEach(a -> ips.add(a.asText()));
    }
    boolean changed = present ? ips.add(address) : ips.remove(address);
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
