package io.nauta.dns.records;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of the cluster's DNS data (see the package description). Names are kept
 * relative to the cluster domain ({@code web.default.svc}), lower-case; the answering code puts the
 * zone behind them. Thread-safe: nothing in it changes after {@link RecordsBuilder} built it.
 */
public final class ClusterRecords {
  /** A snapshot with nothing in it (before the first list from the API). */
  public static final ClusterRecords EMPTY =
      new ClusterRecords(Map.of(), Set.of(), Map.of(), PodDirectory.NONE, 1);

  private final Map<String, ServiceEntry> services;
  private final Set<String> namespaces;
  private final Map<InetAddress, String> reverse;
  private final PodDirectory pods;
  private final long serial;

  ClusterRecords(
      Map<String, ServiceEntry> services,
      Set<String> namespaces,
      Map<InetAddress, String> reverse,
      PodDirectory pods,
      long serial) {
    this.services = services;
    this.namespaces = namespaces;
    this.reverse = reverse;
    this.pods = pods;
    this.serial = serial;
  }

  /** The Service {@code namespace/name} (both lower-case), if it exists. */
  public Optional<ServiceEntry> service(String namespace, String name) {
    return Optional.ofNullable(services.get(name + "." + namespace));
  }

  /** Whether any Service lives in {@code namespace}: {@code ns.svc.<zone>} then exists. */
  public boolean hasNamespace(String namespace) {
    return namespaces.contains(namespace);
  }

  /**
   * The name (relative to the zone) a PTR query for {@code ip} answers: a Service's cluster IP
   * names the Service, a headless Service's endpoint names the endpoint.
   */
  public Optional<String> reverse(InetAddress ip) {
    return Optional.ofNullable(reverse.get(ip));
  }

  /** Whether a pod with {@code ip} lives in {@code namespace}. */
  public boolean hasPod(String namespace, InetAddress ip) {
    return pods.has(namespace, ip);
  }

  /** How many Services this snapshot holds. */
  public int serviceCount() {
    return services.size();
  }

  /** The SOA serial of this snapshot: larger for every later snapshot. */
  public long serial() {
    return serial;
  }
}
