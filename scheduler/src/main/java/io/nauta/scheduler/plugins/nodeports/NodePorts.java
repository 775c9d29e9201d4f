package io.nauta.scheduler.plugins.nodeports;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rejects nodes whose assigned pods already hold one of the pod's host ports. PreFilter collects
 * the pod's host ports once per cycle and answers SKIP when there are none. Stateless.
 */
public final class NodePorts implements Plugin.PreFilter, Plugin.Filter {
  public static final String NAME = "NodePorts";
  public static final String REASON = "node(s) didn't have free ports for the requested pod ports";

  /** The IP a port with no {@code hostIP} binds: every address of the node. */
  static final String WILDCARD_IP = "0.0.0.0";

  private static final String STATE = NAME + "/ports";

  /**
   * One host port a container binds.
   *
   * @param ip the host IP, {@link #WILDCARD_IP} when unset
   * @param protocol TCP, UDP or SCTP; TCP when unset
   * @param port the host port, above 0
   */
  public record HostPort(String ip, String protocol, int port) {
    /**
     * Whether this and {@code other} cannot both be bound: same port and protocol, and the same IP
     * or either one the wildcard.
     */
    public boolean conflictsWith(HostPort other) {
      return port == other.port
          && protocol.equals(other.protocol)
          && (ip.equals(other.ip) || ip.equals(WILDCARD_IP) || other.ip.equals(WILDCARD_IP));
    }
  }

  private record Wanted(List<HostPort> ports) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    List<HostPort> ports = hostPorts(pod);
    state.write(STATE, new Wanted(ports));
    return ports.isEmpty() ? new Status(Status.Code.SKIP, List.of(), NAME) : Status.SUCCESS;
  }

  /** Unschedulable when any of the pod's host ports conflicts with one an assigned pod holds. */
  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    List<HostPort> wanted =
        state.read(STATE, Wanted.class).map(Wanted::ports).orElseGet(() -> hostPorts(pod));
    if (wanted.isEmpty()) {
      return Status.SUCCESS;
    }
    for (Pod assigned : node.pods()) {
      for (HostPort used : hostPorts(assigned)) {
        for (HostPort want : wanted) {
          if (want.conflictsWith(used)) {
            return Status.unschedulable(NAME, REASON);
          }
        }
      }
    }
    return Status.SUCCESS;
  }

  /**
   * The host ports a pod binds: those of its containers and of its sidecars (restartable init
   * containers, which run alongside the containers); ports without a {@code hostPort} bind nothing
   * on the host and are left out.
   */
  public static List<HostPort> hostPorts(Pod pod) {
    if (pod.getSpec() == null) {
      return List.of();
    }
    List<HostPort> out = new ArrayList<>();
    Stream<Container> sidecars =
        pod.getSpec().getInitContainers().stream()
            .filter(c -> "Always".equals(c.getRestartPolicy()));
    Stream.concat(pod.getSpec().getContainers().stream(), sidecars)
        .forEach(
            c -> {
              for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                  out.add(
                      new HostPort(
                          blank(p.getHostIP()) ? WILDCARD_IP : p.getHostIP(),
                          blank(p.getProtocol()) ? "TCP" : p.getProtocol(),
                          p.getHostPort()));
                }
              }
            });
    return out;
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
