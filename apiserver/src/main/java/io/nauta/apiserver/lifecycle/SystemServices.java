package io.nauta.apiserver.lifecycle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.UpdatePart;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.services.ServiceNetwork;
import io.nauta.apiserver.status.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Services every cluster has, created at start when missing: {@code default/kubernetes} (the
 * first address of the service CIDR, port https 443/TCP to the API server's port, no selector: the
 * API servers write its endpoints) and {@code kube-system/kube-dns} (the cluster DNS address, ports
 * dns 53/UDP and dns-tcp 53/TCP, no selector: the DNS server writes its endpoints). They go through
 * the registry like any Service, so their addresses are allocated like any other.
 */
public final class SystemServices {
  private static final Logger LOG = LoggerFactory.getLogger(SystemServices.class);

  private SystemServices() {}

  /**
   * Creates both Services if missing and keeps the {@code kubernetes} Service's target port at
   * {@code apiPort}. A Service that cannot be created (its address is taken) is logged, not fatal.
   * Idempotent; called at start and periodically, so a deleted one comes back.
   */
  public static void ensure(Registry registry, ServiceNetwork network, int apiPort) {
    ResourceType rt =
        registry
            .catalog()
            .find("", "v1", "services")
            .orElseThrow(() -> new IllegalStateException("services are not served"));
    ensure(registry, rt, kubernetes(network, apiPort));
    ensure(registry, rt, kubeDns(network));
    try {
      followPort(registry, rt, apiPort);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private static void followPort(Registry registry, ResourceType rt, int apiPort) {
    registry.guaranteedUpdate(
        rt,
        "default",
        "kubernetes",
        svc -> {
          ObjectNode port = (ObjectNode) svc.path("spec").path("ports").path(0);
          if (port.isMissingNode() || port.path("targetPort").asInt() == apiPort) {
            return null;
          }
          port.put("targetPort", apiPort);
          return svc;
        },
        UpdatePart.MAIN,
        WriteOptions.DEFAULT);
  }

  private static void ensure(Registry registry, ResourceType rt, ObjectNode svc) {
    String ns = svc.path("metadata").path("namespace").asText();
    String name = svc.path("metadata").path("name").asText();
    try {
      registry.get(rt, ns, name);
      return;
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
    try {
      registry.create(rt, ns, svc, WriteOptions.DEFAULT);
      LOG.info("created Service {}/{}", ns, name);
    } catch (ApiException e) {
      // another API server may have created it (and taken its address) just now
      boolean exists;
      try {
        registry.get(rt, ns, name);
        exists = true;
      } catch (ApiException gone) {
        exists = false;
      }
      if (!exists) {
        LOG.error("cannot create Service {}/{}: {}", ns, name, e.getMessage());
      }
    }
  }

  static ObjectNode kubernetes(ServiceNetwork network, int apiPort) {
    ObjectNode svc = service("default", "kubernetes", network.kubernetesServiceIp());
    ObjectNode labels = svc.with("metadata").putObject("labels");
    labels.put("component", "apiserver");
    labels.put("provider", "kubernetes");
    ArrayNode ports = svc.with("spec").putArray("ports");
    ports
        .addObject()
        .put("name", "https")
        .put("port", 443)
        .put("protocol", "TCP")
        .put("targetPort", apiPort);
    return svc;
  }

  static ObjectNode kubeDns(ServiceNetwork network) {
    ObjectNode svc = service("kube-system", "kube-dns", network.clusterDns());
    svc.with("metadata").putObject("labels").put("k8s-app", "kube-dns");
    ArrayNode ports = svc.with("spec").putArray("ports");
    ports
        .addObject()
        .put("name", "dns")
        .put("port", 53)
        .put("protocol", "UDP")
        .put("targetPort", 53);
    ports
        .addObject()
        .put("name", "dns-tcp")
        .put("port", 53)
        .put("protocol", "TCP")
        .put("targetPort", 53);
    return svc;
  }

  private static ObjectNode service(String namespace, String name, String clusterIp) {
    ObjectNode svc = Codec.JSON.createObjectNode();
    svc.put("apiVersion", "v1");
    svc.put("kind", "Service");
    svc.putObject("metadata").put("name", name).put("namespace", namespace);
    ObjectNode spec = svc.putObject("spec");
    spec.put("type", "ClusterIP");
    spec.put("clusterIP", clusterIp);
    spec.putArray("clusterIPs").add(clusterIp);
    spec.put("sessionAffinity", "None");
    return svc;
  }
}
