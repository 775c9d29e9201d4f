package io.nauta.node.network;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.nauta.cri.v1.DNSConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolv.conf of a pod, as Kubernetes builds it from {@code spec.dnsPolicy} and {@code
 * spec.dnsConfig}: ClusterFirst (the default) asks the cluster DNS with the search path {@code
 * <namespace>.svc.<domain> svc.<domain> <domain>} and the node's own search domains and {@code
 * ndots:5}; Default uses the node's resolv.conf; None only what {@code dnsConfig} says; a
 * host-network pod with ClusterFirst gets Default unless its policy is ClusterFirstWithHostNet.
 * {@code dnsConfig} adds name servers and search domains and overrides options by name. At most 3
 * name servers and 32 search domains are kept, as resolvers read no more. Pure.
 *
 * @param clusterDns the cluster DNS service's addresses; when empty ClusterFirst falls back to
 *     Default
 * @param clusterDomain e.g. {@code cluster.local}
 * @param node the node's resolv.conf
 */
public record PodDns(List<String> clusterDns, String clusterDomain, ResolvConf node) {
  static final int MAX_SERVERS = 3;
  static final int MAX_SEARCHES = 32;

  /** The pod's DNS configuration for the runtime. */
  public DNSConfig of(Pod pod) {
    String policy = pod.getSpec().getDnsPolicy() == null ? "" : pod.getSpec().getDnsPolicy();
    boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    List<String> servers = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    boolean cluster =
        !clusterDns.isEmpty()
            && (policy.equals("ClusterFirstWithHostNet")
                || ((policy.isEmpty() || policy.equals("ClusterFirst")) && !hostNetwork));
    if (cluster) {
      servers.addAll(clusterDns);
      String ns = pod.getMetadata().getNamespace();
      searches.add(ns + ".svc." + clusterDomain);
      searches.add("svc." + clusterDomain);
      searches.add(clusterDomain);
      searches.addAll(node.searches());
      options.put("ndots", "5");
    } else if (!policy.equals("None")) {
      servers.addAll(node.servers());
      searches.addAll(node.searches());
      node.options().forEach(o -> put(options, o));
    }
    PodDNSConfig extra = pod.getSpec().getDnsConfig();
    if (extra != null) {
      if (extra.getNameservers() != null) {
        servers.addAll(extra.getNameservers());
      }
      if (extra.getSearches() != null) {
        searches.addAll(extra.getSearches());
      }
      if (extra.getOptions() != null) {
        for (PodDNSConfigOption o : extra.getOptions()) {
          if (o.getName() != null) {
            options.put(o.getName(), o.getValue());
          }
        }
      }
    }
    DNSConfig.Builder b = DNSConfig.newBuilder();
    b.addAllServers(distinct(servers).stream().limit(MAX_SERVERS).toList());
    b.addAllSearches(distinct(searches).stream().limit(MAX_SEARCHES).toList());
    options.forEach((k, v) -> b.addOptions(v == null ? k : k + ":" + v));
    return b.build();
  }

  private static void put(Map<String, String> options, String option) {
    int colon = option.indexOf(':');
    if (colon < 0) {
      options.put(option, null);
    } else {
      options.put(option.substring(0, colon), option.substring(colon + 1));
    }
  }

  private static List<String> distinct(List<String> values) {
    return values.stream().filter(v -> v != null && !v.isBlank()).distinct().toList();
  }
}
