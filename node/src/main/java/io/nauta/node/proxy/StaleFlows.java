package io.nauta.node.proxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which UDP conntrack entries a ruleset change leaves stale (pure). A UDP "connection" lives on in
 * conntrack as long as datagrams keep coming, so a client that reuses its source port would keep
 * being sent to an endpoint that is gone, or keep being refused by a service that has endpoints
 * again; kube-proxy deletes such entries, and so does this proxy.
 */
public final class StaleFlows {
  /** A UDP service port's addresses and the endpoint addresses its rules send to. */
  public record UdpPort(String clusterIp, int port, int nodePort, Set<String> endpoints) {}

  private StaleFlows() {}

  /** The UDP service ports of {@code ports} by id, with every endpoint address in use. */
  public static Map<String, UdpPort> udpPorts(
      List<ServicePort> ports, Map<ServicePort.Key, List<Endpoint>> endpoints, String nodeName) {
    Map<String, UdpPort> udp = new HashMap<>();
    for (ServicePort p : ports) {
      if (!p.protocol().equals("udp")) {
        continue;
      }
      var selection = EndpointSelection.of(p, endpoints.getOrDefault(p.key(), List.of()), nodeName);
      Set<String> ips = new TreeSet<>();
      selection.all().forEach(e -> ips.add(e.ip()));
      selection.local().forEach(e -> ips.add(e.ip()));
      udp.putIfAbsent(p.id(), new UdpPort(p.clusterIp(), p.port(), p.nodePort(), ips));
    }
    return udp;
  }

  /**
   * {@code conntrack} arguments deleting the entries {@code from → to} leaves stale: flows DNATed
   * to an endpoint a port no longer uses, and flows to a port that had no endpoint and now has.
   */
  public static List<List<String>> deletions(Map<String, UdpPort> from, Map<String, UdpPort> to) {
    List<List<String>> deletions = new ArrayList<>();
    from.forEach(
        (id, before) -> {
          UdpPort after = to.get(id);
          for (String ip : before.endpoints()) {
            if (after != null && after.endpoints().contains(ip) && samePorts(before, after)) {
              continue;
            }
            deletions.add(udp("--orig-dst", before.clusterIp(), "--dst-nat", ip));
            if (before.nodePort() > 0) {
              deletions.add(
                  udp("--orig-port-dst", Integer.toString(before.nodePort()), "--dst-nat", ip));
            }
          }
        });
    to.forEach(
        (id, after) -> {
          UdpPort before = from.get(id);
          boolean hadNone =
              before == null || before.endpoints().isEmpty() || !samePorts(before, after);
          if (after.endpoints().isEmpty() || !hadNone) {
            return;
          }
          deletions.add(
              udp(
                  "--orig-dst",
                  after.clusterIp(),
                  "--orig-port-dst",
                  Integer.toString(after.port())));
          if (after.nodePort() > 0) {
            deletions.add(udp("--orig-port-dst", Integer.toString(after.nodePort())));
          }
        });
    return deletions;
  }

  private static boolean samePorts(UdpPort a, UdpPort b) {
    return a.clusterIp().equals(b.clusterIp())
        && a.port() == b.port()
        && a.nodePort() == b.nodePort();
  }

  private static List<String> udp(String... filter) {
    List<String> args = new ArrayList<>(List.of("-D", "-p", "udp"));
    args.addAll(List.of(filter));
    return args;
  }
}
