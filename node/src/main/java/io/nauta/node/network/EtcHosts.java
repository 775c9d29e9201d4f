package io.nauta.node.network;

import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * The /etc/hosts a kubelet gives a pod's containers: localhost, the IPv6 well-known names, the
 * pod's own address under its hostname (fully qualified when the pod has a subdomain, as the
 * cluster DNS names it), then {@code spec.hostAliases}. Pure.
 */
public final class EtcHosts {
  private EtcHosts() {}

  /** Whether the pod's containers get a managed /etc/hosts (host-network pods see the node's). */
  public static boolean managed(Pod pod) {
    return !Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
  }

  public static String of(Pod pod, List<String> podIps, String clusterDomain) {
    StringBuilder s = new StringBuilder("# Kubernetes-managed hosts file.\n");
    s.append("127.0.0.1\tlocalhost\n");
    s.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
    s.append("fe00::0\tip6-localnet\n");
    s.append("fe00::0\tip6-mcastprefix\n");
    s.append("fe00::1\tip6-allnodes\n");
    s.append("fe00::2\tip6-allrouters\n");
    String hostname =
        pod.getSpec().getHostname() != null && !pod.getSpec().getHostname().isEmpty()
            ? pod.getSpec().getHostname()
            : pod.getMetadata().getName();
    if (hostname.length() > 63) {
      hostname = hostname.substring(0, 63);
    }
    String subdomain = pod.getSpec().getSubdomain();
    for (String ip : podIps) {
      if (subdomain != null && !subdomain.isEmpty()) {
        s.append(ip)
            .append('\t')
            .append(hostname)
            .append('.')
            .append(subdomain)
            .append('.')
            .append(pod.getMetadata().getNamespace())
            .append(".svc.")
            .append(clusterDomain)
            .append('\t')
            .append(hostname)
            .append('\n');
      } else {
        s.append(ip).append('\t').append(hostname).append('\n');
      }
    }
    List<HostAlias> aliases = pod.getSpec().getHostAliases();
    if (aliases != null && !aliases.isEmpty()) {
      s.append("\n# Entries added by HostAliases.\n");
      for (HostAlias a : aliases) {
        if (a.getIp() == null || a.getHostnames() == null || a.getHostnames().isEmpty()) {
          continue;
        }
        s.append(a.getIp()).append('\t').append(String.join("\t", a.getHostnames())).append('\n');
      }
    }
    return s.toString();
  }
}
