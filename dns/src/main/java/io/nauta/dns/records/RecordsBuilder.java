package io.nauta.dns.records;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.Address;

/**
 * Builds a {@link ClusterRecords} snapshot from the Services and EndpointSlices an informer holds.
 * Pure: the same objects always give the same snapshot. Objects that cannot be named in DNS (an
 * unparseable IP, a Service being deleted) are skipped, never fatal.
 */
public final class RecordsBuilder {
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private RecordsBuilder() {}

  /** The snapshot of {@code services} and {@code slices}, verifying pod names with {@code pods}. */
  public static ClusterRecords build(
      Collection<Service> services,
      Collection<EndpointSlice> slices,
      PodDirectory pods,
      long serial) {
    Map<String, List<EndpointSlice>> slicesOf = new HashMap<>();
    for (EndpointSlice s : slices) {
      Map<String, String> labels = s.getMetadata().getLabels();
      String svc = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
      if (svc != null && s.getMetadata().getDeletionTimestamp() == null) {
        slicesOf
            .computeIfAbsent(
                lower(svc) + "." + lower(s.getMetadata().getNamespace()), k -> new ArrayList<>())
            .add(s);
      }
    }
    // sorted, so that when two Services claim one IP the reverse map is the same every time
    Map<String, ServiceEntry> entries = new TreeMap<>();
    for (Service svc : services) {
      entry(svc, slicesOf).ifPresent(e -> entries.put(e.name() + "." + e.namespace(), e));
    }
    Set<String> namespaces = new HashSet<>();
    Map<InetAddress, String> reverse = new HashMap<>();
    for (ServiceEntry e : entries.values()) {
      namespaces.add(e.namespace());
      String own = e.name() + "." + e.namespace() + ".svc";
      switch (e.kind()) {
        case CLUSTER_IP -> e.clusterIps().forEach(ip -> reverse.putIfAbsent(ip, own));
        case HEADLESS ->
            e.endpoints().forEach(a -> reverse.putIfAbsent(a.ip(), a.label() + "." + own));
        case EXTERNAL_NAME -> {}
      }
    }
    return new ClusterRecords(
        Map.copyOf(entries), Set.copyOf(namespaces), Map.copyOf(reverse), pods, serial);
  }

  static Optional<ServiceEntry> entry(Service svc, Map<String, List<EndpointSlice>> slicesOf) {
    ServiceSpec spec = svc.getSpec();
    if (spec == null || svc.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    String ns = lower(svc.getMetadata().getNamespace());
    String name = lower(svc.getMetadata().getName());
    List<ServicePort> ports = new ArrayList<>();
    if (spec.getPorts() != null) {
      for (var p : spec.getPorts()) {
        if (p.getPort() != null) {
          ports.add(new ServicePort(lower(p.getName()), protocol(p.getProtocol()), p.getPort()));
        }
      }
    }
    if ("ExternalName".equals(spec.getType())) {
      String target = spec.getExternalName();
      if (target == null || target.isBlank()) {
        return Optional.empty();
      }
      target = lower(target.endsWith(".") ? target.substring(0, target.length() - 1) : target);
      if (!isName(target)) {
        return Optional.empty();
      }
      return Optional.of(
          new ServiceEntry(
              ns, name, ServiceEntry.Kind.EXTERNAL_NAME, List.of(), target, ports, List.of()));
    }
    boolean headless = "None".equals(spec.getClusterIP());
    List<InetAddress> clusterIps = new ArrayList<>();
    if (!headless) {
      List<String> ips =
          spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()
              ? spec.getClusterIPs()
              : spec.getClusterIP() == null ? List.of() : List.of(spec.getClusterIP());
      ips.forEach(ip -> address(ip).ifPresent(clusterIps::add));
    }
    boolean allReady = Boolean.TRUE.equals(spec.getPublishNotReadyAddresses());
    // only a headless Service's names resolve to its endpoints: others need not hold them
    List<EndpointAddress> endpoints =
        headless
            ? endpoints(slicesOf.getOrDefault(name + "." + ns, List.of()), allReady)
            : List.of();
    return Optional.of(
        new ServiceEntry(
            ns,
            name,
            headless ? ServiceEntry.Kind.HEADLESS : ServiceEntry.Kind.CLUSTER_IP,
            List.copyOf(clusterIps),
            null,
            List.copyOf(ports),
            endpoints));
  }

  /** The ready addresses of a Service's slices, unique by IP (the first slice by name wins). */
  static List<EndpointAddress> endpoints(List<EndpointSlice> slices, boolean allReady) {
    List<EndpointSlice> sorted = new ArrayList<>(slices);
    sorted.sort(Comparator.comparing(s -> s.getMetadata().getName()));
    Map<InetAddress, EndpointAddress> out = new LinkedHashMap<>();
    for (EndpointSlice s : sorted) {
      List<ServicePort> ports = new ArrayList<>();
      if (s.getPorts() != null) {
        for (EndpointPort p : s.getPorts()) {
          if (p.getPort() != null) {
            ports.add(new ServicePort(lower(p.getName()), protocol(p.getProtocol()), p.getPort()));
          }
        }
      }
      List<ServicePort> slicePorts = List.copyOf(ports);
      if (s.getEndpoints() == null) {
        continue;
      }
      for (Endpoint e : s.getEndpoints()) {
        boolean ready =
            allReady
                || e.getConditions() == null
                || !Boolean.FALSE.equals(e.getConditions().getReady());
        if (!ready || e.getAddresses() == null) {
          continue;
        }
        String host =
            e.getHostname() == null || e.getHostname().isEmpty() ? null : lower(e.getHostname());
        for (String a : e.getAddresses()) {
          address(a)
              .ifPresent(ip -> out.putIfAbsent(ip, new EndpointAddress(ip, host, slicePorts)));
        }
      }
    }
    List<EndpointAddress> list = new ArrayList<>(out.values());
    list.sort(Comparator.comparing(a -> a.ip().getHostAddress()));
    return List.copyOf(list);
  }

  /** A literal IP, never looked up. */
  static Optional<InetAddress> address(String ip) {
    if (ip == null || ip.isEmpty()) {
      return Optional.empty();
    }
    int family = ip.contains(":") ? Address.IPv6 : Address.IPv4;
    byte[] b = Address.toByteArray(ip, family);
    if (b == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(b));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean isName(String name) {
    try {
      org.xbill.DNS.Name.fromString(name + ".");
      return true;
    } catch (org.xbill.DNS.TextParseException e) {
      return false;
    }
  }

  private static String protocol(String p) {
    return p == null || p.isEmpty() ? "TCP" : p.toUpperCase(Locale.ROOT);
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
