package io.nauta.apiserver.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.allocation.Allocation;
import io.nauta.apiserver.allocation.Owner;
import io.nauta.apiserver.allocation.StoreAllocator;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles allocations with Services, as Kubernetes' repair controllers do: a Service's cluster
 * IP or node port without an allocation gets one recorded (Services from before allocation, or a
 * store restored from elsewhere), and an allocation whose Service is gone, or no longer holds the
 * value, is freed (a server that died between allocating and writing, or between deleting and
 * freeing). Allocations younger than {@code grace} are left alone: their Service may be being
 * written right now by this or another API server. Safe to run concurrently with writes and with
 * other API servers' repairs.
 */
public final class ServiceAllocationRepair {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceAllocationRepair.class);

  /** What one pass did. */
  public record Result(int recorded, int freed, int conflicts) {}

  private final Registry registry;
  private final ResourceType services;
  private final ServiceAllocations allocations;
  private final Clock clock;
  private final Duration grace;

  public ServiceAllocationRepair(
      Registry registry, ServiceAllocations allocations, Clock clock, Duration grace) {
    this.registry = registry;
    this.services =
        registry
            .catalog()
            .find("", "v1", "services")
            .orElseThrow(() -> new IllegalStateException("services are not served"));
    this.allocations = allocations;
    this.clock = clock;
    this.grace = grace;
  }

  /** One pass over every Service and allocation. */
  public Result run() {
    // allocations first: an allocation listed here whose Service is written before the Services
    // are listed below is seen with its Service
    List<Allocation> ips = allocations.ips().list();
    List<Allocation> ports = allocations.ports().list();
    Map<String, ObjectNode> byUid = new HashMap<>();
    for (KeyValue kv :
        registry.store().range(RangeRequest.prefix(services.storagePrefix())).items()) {
      ObjectNode svc = registry.decode(services, kv);
      byUid.put(ServiceAllocations.owner(svc).uid(), svc);
    }
    int[] counts = new int[3];
    for (ObjectNode svc : byUid.values()) {
      Owner owner = ServiceAllocations.owner(svc);
      int before = counts[0];
      record(allocations.ips(), ServiceAllocations.heldIps(svc), owner, counts);
      record(allocations.ports(), ServiceAllocations.heldPorts(svc), owner, counts);
      if (counts[0] > before && !stillThere(owner)) {
        // deleted while we recorded: give back what we just took for it
        ServiceAllocations.heldIps(svc).forEach(ip -> allocations.ips().release(ip, owner.uid()));
        ServiceAllocations.heldPorts(svc).forEach(p -> allocations.ports().release(p, owner.uid()));
      }
    }
    counts[1] += free(allocations.ips(), ips, byUid, ServiceAllocations::heldIps);
    counts[1] += free(allocations.ports(), ports, byUid, ServiceAllocations::heldPorts);
    Result r = new Result(counts[0], counts[1], counts[2]);
    if (r.recorded() + r.freed() + r.conflicts() > 0) {
      LOG.info("service allocation repair: {}", r);
    }
    return r;
  }

  private boolean stillThere(Owner owner) {
    KeyValue kv = registry.store().get(Registry.key(services, owner.namespace(), owner.name()));
    return kv != null
        && ServiceAllocations.owner(registry.decode(services, kv)).uid().equals(owner.uid());
  }

  private void record(StoreAllocator allocator, Set<String> held, Owner owner, int[] counts) {
    for (String value : held) {
      switch (allocator.allocate(value, owner)) {
        case ALLOCATED -> {
          counts[0]++;
          LOG.info("recorded {} {} of Service {}", what(allocator), value, owner);
        }
        case NOT_IN_RANGE ->
            LOG.warn(
                "{} {} of Service {} is outside {}; recreate the Service",
                what(allocator),
                value,
                owner,
                allocator.range().describe());
        case ALREADY_ALLOCATED -> {
          Owner holder = allocator.get(value).map(Allocation::owner).orElse(owner);
          if (!holder.uid().equals(owner.uid())) {
            counts[2]++;
            LOG.warn(
                "{} {} of Service {} is also allocated to {}",
                what(allocator),
                value,
                owner,
                holder);
          }
        }
      }
    }
  }

  private int free(
      StoreAllocator allocator,
      List<Allocation> listed,
      Map<String, ObjectNode> byUid,
      Function<ObjectNode, Set<String>> held) {
    int freed = 0;
    for (Allocation a : listed) {
      ObjectNode svc = byUid.get(a.owner().uid());
      if (svc != null && held.apply(svc).contains(a.value())) {
        continue;
      }
      if (a.allocatedAt().plus(grace).isAfter(clock.instant())) {
        continue;
      }
      if (allocator.forget(a)) {
        freed++;
        LOG.info(
            "freed {} {} of {}: the Service is gone or no longer uses it",
            what(allocator),
            a.value(),
            a.owner());
      }
    }
    return freed;
  }

  private String what(StoreAllocator allocator) {
    return allocator == allocations.ips() ? "cluster IP" : "node port";
  }
}
