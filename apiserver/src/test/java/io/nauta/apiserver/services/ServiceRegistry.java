package io.nauta.apiserver.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.allocation.Allocation;
import io.nauta.apiserver.allocation.IpRange;
import io.nauta.apiserver.allocation.PortRange;
import io.nauta.apiserver.allocation.StoreAllocator;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.registry.DeleteOptions;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceCatalog;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.resources.BuiltinResources;
import io.nauta.store.Store;
import io.nauta.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

/**
 * A Service registry on an embedded store in a temporary directory, with the allocation hooks
 * installed on small ranges, and a clock tests move by hand.
 */
final class ServiceRegistry implements AutoCloseable {
  final Store store;
  final Registry registry;
  final ResourceType services;
  final ServiceAllocations allocations;
  final ManualClock clock = new ManualClock();

  ServiceRegistry(Path dir, String cidr, String ports) {
    store = EmbeddedStore.open(dir);
    registry = new Registry(store, new ResourceCatalog(BuiltinResources.all()), clock);
    services = registry.catalog().find("", "v1", "services").orElseThrow();
    ResourceType namespaces = registry.catalog().find("", "v1", "namespaces").orElseThrow();
    for (String ns : List.of("default", "kube-system")) {
      registry.create(
          namespaces,
          null,
          Codec.decodeObject(
              "application/json", ("{\"metadata\":{\"name\":\"" + ns + "\"}}").getBytes()),
          WriteOptions.DEFAULT);
    }
    allocations =
        new ServiceAllocations(
            new StoreAllocator(
                store, ServiceAllocations.IP_PREFIX, IpRange.parse(cidr), clock, new Random(1)),
            new StoreAllocator(
                store,
                ServiceAllocations.PORT_PREFIX,
                PortRange.parse(ports),
                clock,
                new Random(2)));
    registry.setHooks(services, allocations);
  }

  ServiceAllocationRepair repair() {
    return new ServiceAllocationRepair(registry, allocations, clock, Duration.ofMinutes(1));
  }

  /** Creates a Service in {@code default} from JSON (its metadata.name given in the JSON). */
  ObjectNode create(String json) {
    return create(json, WriteOptions.DEFAULT);
  }

  ObjectNode create(String json, WriteOptions opts) {
    return registry.create(services, "default", parse(json), opts);
  }

  ObjectNode get(String name) {
    return registry.get(services, "default", name);
  }

  /** Replaces the Service with {@code change} applied to a merge of {@code json} into it. */
  ObjectNode update(String name, java.util.function.Consumer<ObjectNode> change) {
    ObjectNode svc = get(name);
    change.accept(svc);
    return registry.update(services, "default", name, svc, WriteOptions.DEFAULT);
  }

  void delete(String name) {
    registry.delete(services, "default", name, DeleteOptions.DEFAULT);
  }

  List<String> ips() {
    return allocations.ips().list().stream().map(Allocation::value).toList();
  }

  List<String> ports() {
    return allocations.ports().list().stream().map(Allocation::value).toList();
  }

  static ObjectNode parse(String json) {
    return Codec.decodeObject("application/json", json.getBytes());
  }

  @Override
  public void close() {
    store.close();
  }

  /** A clock that stands still until moved. */
  static final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-03-04T05:06:07Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
