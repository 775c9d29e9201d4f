package io.nauta.controllers.endpoint;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.Pods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Which pods back a Service and on which ports, as both endpoint controllers see it. Stateless. */
public final class ServicePods {
  private ServicePods() {}

  /** A pod backing a Service: its address, whether it is ready, and its resolved ports. */
  public record Backend(Pod pod, String ip, boolean ready, boolean terminating, List<Port> ports) {}

  /** A Service port resolved against one pod: the pod's port number for it. */
  public record Port(String name, int port, String protocol, String appProtocol) {}

  /** Whether the controllers maintain endpoints for {@code svc}: it has a selector. */
  public static boolean managed(Service svc) {
    return svc.getSpec() != null
        && svc.getSpec().getSelector() != null
        && !svc.getSpec().getSelector().isEmpty()
        && !"ExternalName".equals(svc.getSpec().getType());
  }

  /** True if the selector of {@code svc} (a map: every pair must match) selects {@code pod}. */
  public static boolean selects(Service svc, Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null || !managed(svc)) {
      return false;
    }
    for (var e : svc.getSpec().getSelector().entrySet()) {
      if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The selected pods that have an address and have not finished, in the order of the cache; with
   * {@code includeTerminating} false, pods being deleted are left out too.
   */
  public static List<Backend> backends(
      Service svc, Informers informers, boolean includeTerminating) {
    List<Backend> out = new ArrayList<>();
    boolean publishNotReady = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
    for (Pod p : informers.list(Pod.class, svc.getMetadata().getNamespace())) {
      if (!selects(svc, p) || p.getStatus() == null) {
        continue;
      }
      String ip = p.getStatus().getPodIP();
      String phase = p.getStatus().getPhase();
      if (ip == null || ip.isEmpty() || "Succeeded".equals(phase) || "Failed".equals(phase)) {
        continue;
      }
      boolean terminating = p.getMetadata().getDeletionTimestamp() != null;
      if (terminating && !includeTerminating && !publishNotReady) {
        continue;
      }
      boolean ready = publishNotReady || (Pods.ready(p) && !terminating);
      out.add(new Backend(p, ip, ready, terminating, ports(svc, p)));
    }
    return out;
  }

  /**
   * The Service's ports as {@code pod} serves them; a named targetPort the pod lacks is left out.
   */
  static List<Port> ports(Service svc, Pod pod) {
    List<Port> out = new ArrayList<>();
    for (ServicePort sp : svc.getSpec().getPorts()) {
      Integer number = resolve(sp, pod);
      if (number != null) {
        out.add(
            new Port(
                sp.getName() == null ? "" : sp.getName(),
                number,
                sp.getProtocol() == null ? "TCP" : sp.getProtocol(),
                sp.getAppProtocol()));
      }
    }
    return out;
  }

  private static Integer resolve(ServicePort sp, Pod pod) {
    IntOrString target = sp.getTargetPort();
    if (target == null) {
      return sp.getPort();
    }
    if (target.getIntVal() != null) {
      return target.getIntVal();
    }
    String name = target.getStrVal();
    if (name != null && name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
      return Integer.parseInt(name);
    }
    for (Container c : pod.getSpec().getContainers()) {
      for (ContainerPort cp : c.getPorts()) {
        if (Objects.equals(name, cp.getName())
            && Objects.equals(
                sp.getProtocol() == null ? "TCP" : sp.getProtocol(),
                cp.getProtocol() == null ? "TCP" : cp.getProtocol())) {
          return cp.getContainerPort();
        }
      }
    }
    return null;
  }
}
