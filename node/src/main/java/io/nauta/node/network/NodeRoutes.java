package io.nauta.node.network;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Host-gw routing: a route to every other node's pod CIDR via that node's InternalIP, so pods reach
 * each other directly across nodes. The routes carry their own protocol number ({@link #PROTO}),
 * which is how this class finds and removes the ones it made and no others. Applying is one {@code
 * ip -batch} of replaces and deletes; a route whose gateway is not on a local link is skipped.
 */
public final class NodeRoutes {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NodeRoutes.class);

  /** The routing protocol number marking Nauta's routes ({@code ip route show proto 78}). */
  public static final int PROTO = 78;

  private NodeRoutes() {}

  /** Pod CIDR → gateway for every node but {@code self} that has both. Pure. */
  public static Map<String, String> desired(List<Node> nodes, String self) {
    Map<String, String> routes = new TreeMap<>();
    for (Node n : nodes) {
      if (n.getMetadata().getName().equals(self) || n.getSpec() == null) {
        continue;
      }
      String ip = internalIp(n);
      if (ip == null) {
        continue;
      }
      List<String> cidrs = n.getSpec().getPodCIDRs();
      if (cidrs == null || cidrs.isEmpty()) {
        cidrs = n.getSpec().getPodCIDR() == null ? List.of() : List.of(n.getSpec().getPodCIDR());
      }
      for (String c : cidrs) {
        if (!c.contains(":")) {
          routes.put(c, ip);
        }
      }
    }
    return routes;
  }

  /** The kernel's IPv4 routes, one line each ({@code ip -o}). */
  private static List<String> routes() throws IOException {
    return List.of(Commands.run(List.of("ip", "-4", "-o", "route", "show"), null).split("\n"));
  }

  /** The routes of {@code lines} this class made, as pod CIDR → gateway. */
  static Map<String, String> ours(List<String> lines) {
    Map<String, String> routes = new TreeMap<>();
    for (String line : lines) {
      String[] f = line.strip().split("\\s+");
      if (line.contains(" proto " + PROTO) && f.length >= 3 && f[1].equals("via")) {
        routes.put(prefix(f[0]), f[2]);
      }
    }
    return routes;
  }

  /** The prefixes {@code lines} route by routes that are not this class's. */
  static java.util.Set<String> foreign(List<String> lines) {
    java.util.Set<String> prefixes = new java.util.HashSet<>();
    for (String line : lines) {
      String[] f = line.strip().split("\\s+");
      if (f.length > 0 && !f[0].isEmpty() && !line.contains(" proto " + PROTO)) {
        prefixes.add(prefix(f[0]));
      }
    }
    return prefixes;
  }

  private static String prefix(String dst) {
    return dst.contains("/") ? dst : dst + "/32";
  }

  /**
   * Makes the kernel's routes of this class exactly {@code desired}, leaving out routes via one of
   * this machine's own addresses (another node sharing this network namespace, as in tests) and
   * prefixes someone else already routes (a bridge's connected route).
   */
  static void apply(Map<String, String> wanted) throws IOException {
    List<String> lines = routes();
    Map<String, String> now = ours(lines);
    Map<String, String> desired = new TreeMap<>(wanted);
    java.util.Set<String> local = localAddresses();
    java.util.Set<String> foreign = foreign(lines);
    desired.entrySet().removeIf(e -> local.contains(e.getValue()) || foreign.contains(e.getKey()));
    List<String> batch = new ArrayList<>();
    for (var e : now.entrySet()) {
      if (!e.getValue().equals(desired.get(e.getKey()))) {
        batch.add("route del " + e.getKey() + " proto " + PROTO);
      }
    }
    for (var e : desired.entrySet()) {
      if (!e.getValue().equals(now.get(e.getKey()))) {
        batch.add("route replace " + e.getKey() + " via " + e.getValue() + " proto " + PROTO);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      // -force: one unreachable gateway must not keep the other routes out
      Commands.run(List.of("ip", "-force", "-batch", "-"), String.join("\n", batch) + "\n");
    } catch (IOException e) {
      LOG.info("some routes to other nodes' pods could not be set: {}", e.getMessage());
    }
  }

  private static java.util.Set<String> localAddresses() throws IOException {
    java.util.Set<String> local = new java.util.HashSet<>();
    for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      for (var a : java.util.Collections.list(nic.getInetAddresses())) {
        local.add(a.getHostAddress());
      }
    }
    return local;
  }

  /** Removes every route this class made. */
  static void removeAll() throws IOException {
    apply(Map.of());
  }

  private static String internalIp(Node n) {
    if (n.getStatus() == null || n.getStatus().getAddresses() == null) {
      return null;
    }
    for (NodeAddress a : n.getStatus().getAddresses()) {
      if ("InternalIP".equals(a.getType()) && !a.getAddress().contains(":")) {
        return a.getAddress();
      }
    }
    return null;
  }
}
