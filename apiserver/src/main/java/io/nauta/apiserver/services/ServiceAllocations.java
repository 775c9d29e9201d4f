package io.nauta.apiserver.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.allocation.IpRange;
import io.nauta.apiserver.allocation.Owner;
import io.nauta.apiserver.allocation.StoreAllocator;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.WriteHooks;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Service registry's {@link WriteHooks}: a Service gets a cluster IP unless it is headless or
 * ExternalName, node ports when it is NodePort or LoadBalancer (unless {@code
 * allocateLoadBalancerNodePorts} is false), and a health check node port when it is LoadBalancer
 * with {@code externalTrafficPolicy: Local}; requested values are honoured when free and in range.
 * Updates keep what the Service holds, take what a new type needs and free what it no longer needs
 * once written; deletion frees everything. Thread-safe.
 */
public final class ServiceAllocations implements WriteHooks {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceAllocations.class);

  /** Where allocated cluster IPs are recorded, one key per IP. */
  public static final String IP_PREFIX = "/registry/ranges/serviceips/";

  /** Where allocated node ports are recorded, one key per port. */
  public static final String PORT_PREFIX = "/registry/ranges/servicenodeports/";

  private final StoreAllocator ips;
  private final StoreAllocator ports;

  public ServiceAllocations(StoreAllocator ips, StoreAllocator ports) {
    this.ips = ips;
    this.ports = ports;
  }

  /** The allocations of {@code network} in {@code store}. */
  public static ServiceAllocations of(Store store, ServiceNetwork network, Clock clock) {
    SecureRandom random = new SecureRandom();
    return new ServiceAllocations(
        new StoreAllocator(store, IP_PREFIX, network.serviceCidr(), clock, random),
        new StoreAllocator(store, PORT_PREFIX, network.nodePorts(), clock, random));
  }

  StoreAllocator ips() {
    return ips;
  }

  StoreAllocator ports() {
    return ports;
  }

  @Override
  public Finish beginCreate(ObjectNode svc, boolean dryRun) {
    Transaction txn = new Transaction(owner(svc), dryRun);
    try {
      allocateIp(txn, svc, null);
      NodePorts.assign(txn, ports, svc, null);
    } catch (RuntimeException e) {
      txn.revert();
      throw translate(e);
    }
    return written -> {
      if (!written) {
        txn.revert();
      }
    };
  }

  @Override
  public Finish beginUpdate(ObjectNode svc, ObjectNode old, boolean dryRun) {
    Transaction txn = new Transaction(owner(old), dryRun);
    try {
      allocateIp(txn, svc, old);
      NodePorts.assign(txn, ports, svc, old);
    } catch (RuntimeException e) {
      txn.revert();
      throw translate(e);
    }
    Set<String> goneIps = new LinkedHashSet<>(heldIps(old));
    goneIps.removeAll(heldIps(svc));
    Set<String> gonePorts = new LinkedHashSet<>(heldPorts(old));
    gonePorts.removeAll(heldPorts(svc));
    return written -> {
      if (!written) {
        txn.revert();
      } else if (!dryRun) {
        release(goneIps, gonePorts, owner(old));
      }
    };
  }

  @Override
  public void afterDelete(ObjectNode svc) {
    release(heldIps(svc), heldPorts(svc), owner(svc));
  }

  private void release(Set<String> ipValues, Set<String> portValues, Owner owner) {
    try {
      ipValues.forEach(ip -> ips.release(ip, owner.uid()));
      portValues.forEach(p -> ports.release(p, owner.uid()));
    } catch (StoreException e) {
      // the repair pass frees what stays behind
      LOG.warn("cannot release the allocations of Service {}: {}", owner, e.toString());
    }
  }

  private void allocateIp(Transaction txn, ObjectNode svc, ObjectNode old) {
    ObjectNode spec = Json.object(svc, "spec");
    if (Json.text(spec, "type").equals("ExternalName")) {
      return;
    }
    checkFamilies(svc);
    List<String> requested = Json.strings(spec, "clusterIPs");
    String single = Json.text(spec, "clusterIP");
    if (!single.isEmpty() && !requested.isEmpty() && !single.equals(requested.get(0))) {
      throw AllocationErrors.invalid(
          Meta.name(svc),
          "spec.clusterIPs",
          AllocationErrors.goStrings(requested) + ": first value must match `clusterIP`");
    }
    if (requested.isEmpty() && !single.isEmpty()) {
      requested = List.of(single);
    }
    String oldIp = old == null ? "" : heldIps(old).stream().findFirst().orElse("");
    if (requested.isEmpty()) {
      String ip = txn.next(ips).orElseThrow(() -> AllocationErrors.full("serviceIP"));
      spec.put("clusterIP", ip);
      spec.putArray("clusterIPs").add(ip);
      return;
    }
    String ip = requested.get(0);
    if (requested.size() > 1) {
      throw AllocationErrors.invalid(
          Meta.name(svc),
          "spec.clusterIPs[1]",
          "\"" + requested.get(1) + "\": this cluster is not configured for dual-stack services");
    }
    if (ip.equals("None") || ip.equals(oldIp)) {
      return;
    }
    StoreAllocator.Outcome o = txn.take(ips, ip);
    if (o != StoreAllocator.Outcome.ALLOCATED) {
      throw AllocationErrors.ip(Meta.name(svc), requested, ip, o, ips.range());
    }
  }

  /** Kubernetes' answers for IPv6 and dual-stack on a single-stack IPv4 cluster. */
  private static void checkFamilies(ObjectNode svc) {
    List<String> families = Json.strings(svc, "spec", "ipFamilies");
    for (int i = 0; i < families.size(); i++) {
      if (!families.get(i).equals("IPv4")) {
        throw AllocationErrors.invalid(
            Meta.name(svc),
            "spec.ipFamilies[" + i + "]",
            "\"" + families.get(i) + "\": not configured on this cluster");
      }
    }
    if (Json.text(svc, "spec", "ipFamilyPolicy").equals("RequireDualStack")) {
      throw AllocationErrors.invalid(
          Meta.name(svc),
          "spec.ipFamilyPolicy",
          "\"RequireDualStack\": this cluster is not configured for dual-stack services");
    }
  }

  /** The cluster IPs {@code svc} holds: its IPv4 {@code clusterIPs} ("None" is none). */
  static Set<String> heldIps(JsonNode svc) {
    Set<String> out = new LinkedHashSet<>();
    if (Json.text(svc, "spec", "type").equals("ExternalName")) {
      return out;
    }
    List<String> list = Json.strings(svc, "spec", "clusterIPs");
    if (list.isEmpty() && !Json.text(svc, "spec", "clusterIP").isEmpty()) {
      list = List.of(Json.text(svc, "spec", "clusterIP"));
    }
    for (String ip : list) {
      if (IpRange.parseIp(ip) >= 0) {
        out.add(ip);
      }
    }
    return out;
  }

  /** The node ports {@code svc} holds: its ports' node ports and its health check node port. */
  static Set<String> heldPorts(JsonNode svc) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode p : Json.objects(svc, "spec", "ports")) {
      long np = Json.integer(p, 0, "nodePort");
      if (np > 0) {
        out.add(Long.toString(np));
      }
    }
    long hc = Json.integer(svc, 0, "spec", "healthCheckNodePort");
    if (hc > 0) {
      out.add(Long.toString(hc));
    }
    return out;
  }

  static Owner owner(JsonNode svc) {
    return new Owner(
        Json.text(svc, "metadata", "namespace"),
        Json.text(svc, "metadata", "name"),
        Json.text(svc, "metadata", "uid"));
  }

  private static RuntimeException translate(RuntimeException e) {
    return e instanceof StoreException se ? Registry.storeError(se) : e;
  }

  /** What one write took so far, to give back if the write does not happen. */
  static final class Transaction {
    private final Owner owner;
    private final boolean dryRun;
    private final List<Runnable> undo = new java.util.ArrayList<>();

    Transaction(Owner owner, boolean dryRun) {
      this.owner = owner;
      this.dryRun = dryRun;
    }

    StoreAllocator.Outcome take(StoreAllocator allocator, String value) {
      if (dryRun) {
        return allocator.check(value);
      }
      StoreAllocator.Outcome o = allocator.allocate(value, owner);
      if (o == StoreAllocator.Outcome.ALLOCATED) {
        undo.add(() -> allocator.release(value, owner.uid()));
      }
      return o;
    }

    Optional<String> next(StoreAllocator allocator) {
      if (dryRun) {
        return allocator.peekNext();
      }
      Optional<String> v = allocator.allocateNext(owner);
      v.ifPresent(value -> undo.add(() -> allocator.release(value, owner.uid())));
      return v;
    }

    void revert() {
      try {
        undo.forEach(Runnable::run);
      } catch (StoreException e) {
        LOG.warn("cannot give back allocations of Service {}: {}", owner, e.toString());
      }
      undo.clear();
    }
  }
}
