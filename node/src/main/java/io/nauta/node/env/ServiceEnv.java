package io.nauta.node.env;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Docker-links style variables a kubelet gives every container for the Services it can see
 * ({@code WEB_SERVICE_HOST}, {@code WEB_SERVICE_PORT}, {@code WEB_SERVICE_PORT_HTTP}, {@code
 * WEB_PORT=tcp://10.43.0.7:80}, {@code WEB_PORT_80_TCP_ADDR} ...): the services of the pod's
 * namespace when {@code enableServiceLinks} is not false, and always the {@code kubernetes} service
 * of {@code default} (in-cluster clients find the API server by it). Services without a cluster IP
 * (headless, ExternalName) have none. Pure.
 */
public final class ServiceEnv {
  public static final String MASTER_NAMESPACE = "default";
  public static final String MASTER_SERVICE = "kubernetes";

  private ServiceEnv() {}

  /**
   * The variables for {@code pod} from the services of its namespace ({@code own}) and of {@code
   * default} ({@code master}); the same list may be passed twice for a pod in {@code default}.
   */
  public static Map<String, String> of(Pod pod, List<Service> own, List<Service> master) {
    boolean links = !Boolean.FALSE.equals(pod.getSpec().getEnableServiceLinks());
    Map<String, String> env = new LinkedHashMap<>();
    master.stream()
        .filter(s -> MASTER_SERVICE.equals(s.getMetadata().getName()))
        .findFirst()
        .ifPresent(s -> add(env, s));
    if (links) {
      own.stream()
          .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
          .forEach(s -> add(env, s));
    }
    return env;
  }

  private static void add(Map<String, String> env, Service s) {
    if (s.getSpec() == null) {
      return;
    }
    String ip = s.getSpec().getClusterIP();
    List<ServicePort> ports = s.getSpec().getPorts();
    if (ip == null || ip.isEmpty() || ip.equals("None") || ports == null || ports.isEmpty()) {
      return;
    }
    String name = name(s.getMetadata().getName());
    String host = ip.contains(":") ? "[" + ip + "]" : ip;
    ServicePort first = ports.get(0);
    env.put(name + "_SERVICE_HOST", ip);
    env.put(name + "_SERVICE_PORT", String.valueOf(first.getPort()));
    for (ServicePort p : ports) {
      if (p.getName() != null && !p.getName().isEmpty()) {
        env.put(name + "_SERVICE_PORT_" + name(p.getName()), String.valueOf(p.getPort()));
      }
    }
    env.put(name + "_PORT", protocol(first) + "://" + host + ":" + first.getPort());
    for (ServicePort p : ports) {
      String prefix = name + "_PORT_" + p.getPort() + "_" + protocol(p).toUpperCase(Locale.ROOT);
      env.put(prefix, protocol(p) + "://" + host + ":" + p.getPort());
      env.put(prefix + "_PROTO", protocol(p));
      env.put(prefix + "_PORT", String.valueOf(p.getPort()));
      env.put(prefix + "_ADDR", ip);
    }
  }

  private static String protocol(ServicePort p) {
    return (p.getProtocol() == null ? "TCP" : p.getProtocol()).toLowerCase(Locale.ROOT);
  }

  private static String name(String s) {
    return s.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
