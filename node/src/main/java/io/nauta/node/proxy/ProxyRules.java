package io.nauta.node.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the proxy's ruleset from the service ports and their endpoints (pure: same input, same
 * ruleset). The design follows kube-proxy's nftables mode:
 *
 * <ul>
 *   <li>nat prerouting and output jump to {@code services}, which looks the destination up in
 *       {@code service-ips} (cluster IP . protocol . port) and, for local destination addresses, in
 *       {@code service-nodeports} (protocol . port); both map to a service port's chain, and
 *       external addresses (LoadBalancer ingress, {@code externalIPs}) . protocol . port in {@code
 *       service-ips} to its external chain, as its node port;
 *   <li>a service port's chain picks an endpoint chain at random ({@code numgen random}), after
 *       ClientIP affinity sets had their say; the endpoint chain DNATs;
 *   <li>traffic that needs a new source address gets mark {@link #MASQUERADE_MARK} and is
 *       masqueraded in nat postrouting: cluster-IP traffic from outside the cluster CIDR, node-port
 *       traffic unless externalTrafficPolicy is Local, and hairpin traffic (a pod reaching itself
 *       through its service);
 *   <li>filter input, forward and output reject new connections to service ports without endpoints
 *       ({@code no-endpoint-services}, {@code no-endpoint-nodeports}); ports whose endpoints all
 *       live elsewhere under a Local policy drop instead, as kube-proxy does.
 * </ul>
 */
public final class ProxyRules {
  /** The nft table the proxy owns. */
  public static final String TABLE = "nauta-proxy";

  /** The packet mark bit that asks for masquerade (kube-proxy's bit). */
  public static final int MASQUERADE_MARK = 0x4000;

  static final String SERVICE_IPS = "service-ips";
  static final String SERVICE_NODEPORTS = "service-nodeports";
  static final String NO_ENDPOINT_SERVICES = "no-endpoint-services";
  static final String NO_ENDPOINT_NODEPORTS = "no-endpoint-nodeports";
  static final String MARK_FOR_MASQUERADE = "mark-for-masquerade";
  static final String REJECT = "reject-chain";

  private static final String IP_KEY_TYPE = "type ipv4_addr . inet_proto . inet_service : verdict";
  private static final String PORT_KEY_TYPE = "type inet_proto . inet_service : verdict";

  private final String nodeName;
  private final String clusterCidr;
  private Map<ServicePort, Built> previous = Map.of();

  /**
   * @param nodeName this node: endpoints with this node name are local
   * @param clusterCidr the pods' addresses; cluster-IP traffic from elsewhere is masqueraded
   */
  public ProxyRules(String nodeName, String clusterCidr) {
    this.nodeName = nodeName;
    this.clusterCidr = io.nauta.api.net.Cidr.parse(clusterCidr).toString();
  }

  /**
   * The ruleset serving {@code ports} with {@code endpoints} (by service port key). A second port
   * with the id of an earlier one (which validation prevents) is ignored. Not thread-safe: the
   * parts of the last build are kept and reused for service ports that did not change.
   */
  public Ruleset build(List<ServicePort> ports, Map<ServicePort.Key, List<Endpoint>> endpoints) {
    Ruleset.Builder b = new Ruleset.Builder();
    base(b);
    List<ServicePort> sorted = new ArrayList<>(ports);
    sorted.sort(Comparator.comparing(ServicePort::id));
    Map<ServicePort, Built> built = new HashMap<>();
    Set<String> ids = new HashSet<>();
    for (ServicePort port : sorted) {
      if (!ids.add(port.id())) {
        continue;
      }
      List<Endpoint> eps = endpoints.getOrDefault(port.key(), List.of());
      Built last = previous.get(port);
      if (last == null || !last.endpoints().equals(eps)) {
        Part part = new Part();
        servicePort(part, port, EndpointSelection.of(port, eps, nodeName));
        last = new Built(eps, part.done());
      }
      built.put(port, last);
      b.add(last.part());
    }
    previous = built;
    return b.build();
  }

  /** A service port's part of the last build and the endpoints it was built from. */
  private record Built(List<Endpoint> endpoints, Ruleset.Part part) {}

  /** Collects one service port's chains, sets and map elements. */
  private static final class Part {
    private final Map<String, Ruleset.Chain> chains = new LinkedHashMap<>();
    private final List<Ruleset.NftSet> sets = new ArrayList<>();
    private final List<Ruleset.Element> elements = new ArrayList<>();

    void chain(String name, String spec, List<String> rules) {
      chains.put(name, new Ruleset.Chain(name, spec, rules));
    }

    boolean hasChain(String name) {
      return chains.containsKey(name);
    }

    void set(String name, String spec) {
      sets.add(new Ruleset.NftSet(name, spec));
    }

    void element(String map, String key, String verdict) {
      elements.add(new Ruleset.Element(map, key, verdict));
    }

    Ruleset.Part done() {
      return new Ruleset.Part(List.copyOf(chains.values()), sets, elements);
    }
  }

  /** The hooked chains, the shared chains and the maps, the same for every ruleset. */
  private static void base(Ruleset.Builder b) {
    String mark = hex(MASQUERADE_MARK);
    b.chain("nat-prerouting", nat("prerouting", "dstnat"), List.of("jump services"));
    b.chain("nat-output", nat("output", "-100"), List.of("jump services"));
    b.chain("nat-postrouting", nat("postrouting", "srcnat"), List.of("jump masquerading"));
    for (String hook : List.of("input", "forward", "output")) {
      b.chain(
          "filter-" + hook,
          "{ type filter hook " + hook + " priority -110; policy accept; }",
          List.of("ct state new jump service-endpoints-check"));
    }
    b.chain(
        "services",
        "",
        List.of(
            "ip daddr . meta l4proto . th dport vmap @" + SERVICE_IPS,
            "fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @"
                + SERVICE_NODEPORTS));
    b.chain(
        "service-endpoints-check",
        "",
        List.of(
            "ip daddr . meta l4proto . th dport vmap @" + NO_ENDPOINT_SERVICES,
            "fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @"
                + NO_ENDPOINT_NODEPORTS));
    b.chain(
        "masquerading",
        "",
        List.of(
            "meta mark & " + mark + " == 0 return",
            "meta mark set meta mark ^ " + mark, // the mark must not leak to other tables
            "masquerade fully-random"));
    b.chain(MARK_FOR_MASQUERADE, "", List.of("meta mark set meta mark | " + mark));
    b.chain(REJECT, "", List.of("meta l4proto tcp reject with tcp reset", "reject"));
    b.map(SERVICE_IPS, "{ " + IP_KEY_TYPE + "; }");
    b.map(SERVICE_NODEPORTS, "{ " + PORT_KEY_TYPE + "; }");
    b.map(NO_ENDPOINT_SERVICES, "{ " + IP_KEY_TYPE + "; }");
    b.map(NO_ENDPOINT_NODEPORTS, "{ " + PORT_KEY_TYPE + "; }");
  }

  private void servicePort(Part b, ServicePort port, EndpointSelection selection) {
    String ipKey = port.clusterIp() + " . " + port.protocol() + " . " + port.port();
    String svc = RuleNames.service(port);
    List<Endpoint> cluster = selection.cluster();
    // where traffic from pods and from the node goes when it is cut short to the cluster endpoints
    String toCluster = cluster.isEmpty() ? "drop" : "goto " + svc;
    if (cluster.isEmpty()) {
      // all endpoints elsewhere under internalTrafficPolicy Local: filtered, not missing
      String verdict = selection.all().isEmpty() ? "goto " + REJECT : "drop";
      b.element(NO_ENDPOINT_SERVICES, ipKey, verdict);
    } else {
      List<String> rules = new ArrayList<>();
      rules.add("ip saddr != " + clusterCidr + " jump " + MARK_FOR_MASQUERADE);
      rules.addAll(balance(b, port, cluster));
      b.chain(svc, "", rules);
      b.element(SERVICE_IPS, ipKey, "goto " + svc);
    }
    if (!port.external()) {
      return;
    }
    String portKey = port.protocol() + " . " + port.nodePort();
    if (selection.all().isEmpty()) {
      if (port.nodePort() > 0) {
        b.element(NO_ENDPOINT_NODEPORTS, portKey, "goto " + REJECT);
      }
      for (String ip : port.externalIps()) {
        b.element(
            NO_ENDPOINT_SERVICES,
            ip + " . " + port.protocol() + " . " + port.port(),
            "goto " + REJECT);
      }
      return;
    }
    String ext = RuleNames.external(port);
    List<String> rules = new ArrayList<>();
    if (port.externalLocal()) {
      // the client's address is kept, so only local endpoints; pods and the node itself are
      // internal clients and may use any endpoint (kube-proxy's short-circuit)
      rules.add("ip saddr " + clusterCidr + " " + toCluster);
      rules.add("fib saddr type local jump " + MARK_FOR_MASQUERADE);
      rules.add("fib saddr type local " + toCluster);
      if (selection.local().isEmpty()) {
        rules.add("drop");
      } else {
        rules.addAll(balance(b, port, selection.local()));
      }
    } else {
      rules.add("jump " + MARK_FOR_MASQUERADE);
      if (cluster.equals(selection.all())) {
        rules.add("goto " + svc);
      } else {
        rules.addAll(balance(b, port, selection.all()));
      }
    }
    b.chain(ext, "", rules);
    if (port.nodePort() > 0) {
      b.element(SERVICE_NODEPORTS, portKey, "goto " + ext);
    }
    for (String ip : port.externalIps()) {
      // external addresses (a LoadBalancer's ingress, spec.externalIPs) lead where the node port
      // does
      b.element(SERVICE_IPS, ip + " . " + port.protocol() + " . " + port.port(), "goto " + ext);
    }
  }

  /**
   * Rules choosing one of {@code endpoints} per new connection: first the affinity sets (a client
   * seen within the timeout goes back to its endpoint), then a uniform random choice. Adds the
   * endpoint chains (and affinity sets) the rules jump to.
   */
  private static List<String> balance(Part b, ServicePort port, List<Endpoint> endpoints) {
    List<String> rules = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    for (Endpoint e : endpoints) {
      String chain = RuleNames.endpoint(port, e);
      if (!b.hasChain(chain)) {
        endpointChain(b, port, e, chain);
      }
      if (port.affinitySeconds() > 0) {
        rules.add("ip saddr @" + RuleNames.affinity(port, e) + " goto " + chain);
      }
      targets.add(targets.size() + " : goto " + chain);
    }
    rules.add(
        "numgen random mod " + endpoints.size() + " vmap { " + String.join(", ", targets) + " }");
    return rules;
  }

  private static void endpointChain(Part b, ServicePort port, Endpoint e, String chain) {
    List<String> rules = new ArrayList<>();
    // hairpin: the pod reaches itself; it would drop a reply from its own address
    rules.add("ip saddr " + e.ip() + " jump " + MARK_FOR_MASQUERADE);
    if (port.affinitySeconds() > 0) {
      String set = RuleNames.affinity(port, e);
      b.set(
          set,
          "{ type ipv4_addr; flags dynamic,timeout; timeout " + port.affinitySeconds() + "s; }");
      rules.add("update @" + set + " { ip saddr }");
    }
    rules.add("meta l4proto " + port.protocol() + " dnat to " + e.ip() + ":" + e.port());
    b.chain(chain, "", rules);
  }

  private static String nat(String hook, String priority) {
    return "{ type nat hook " + hook + " priority " + priority + "; policy accept; }";
  }

  private static String hex(int mark) {
    return String.format("0x%08x", mark);
  }
}
