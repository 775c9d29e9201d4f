package io.nauta.apiserver.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceCatalog;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.resources.BuiltinResources;
import io.nauta.apiserver.services.ServiceAllocations;
import io.nauta.apiserver.services.ServiceNetwork;
import io.nauta.store.Store;
import io.nauta.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemServicesTest {
  @TempDir Path dir;
  private Store store;
  private Registry registry;

  @BeforeEach
  void open() {
    store = EmbeddedStore.open(dir);
    registry = new Registry(store, new ResourceCatalog(BuiltinResources.all()), Clock.systemUTC());
    ResourceType ns = type("", "namespaces");
    for (String name : List.of("default", "kube-system")) {
      ObjectNode o = io.nauta.apiserver.codec.Codec.JSON.createObjectNode();
      o.putObject("metadata").put("name", name);
      registry.create(ns, null, o, WriteOptions.DEFAULT);
    }
    registry.setHooks(
        type("", "services"),
        ServiceAllocations.of(store, ServiceNetwork.DEFAULTS, Clock.systemUTC()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private ResourceType type(String group, String plural) {
    return registry.catalog().find(group, "v1", plural).orElseThrow();
  }

  private ObjectNode get(String group, String plural, String ns, String name) {
    return registry.get(type(group, plural), ns, name);
  }

  @Test
  void theKubernetesAndDnsServicesGetTheirWellKnownAddresses() {
    SystemServices.ensure(registry, ServiceNetwork.DEFAULTS, 6443);
    ObjectNode kubernetes = get("", "services", "default", "kubernetes");
    assertThat(kubernetes.at("/spec/clusterIP").asText()).isEqualTo("10.43.0.1");
    assertThat(kubernetes.at("/spec/ports/0/name").asText()).isEqualTo("https");
    assertThat(kubernetes.at("/spec/ports/0/port").asInt()).isEqualTo(443);
    assertThat(kubernetes.at("/spec/ports/0/targetPort").asInt()).isEqualTo(6443);
    assertThat(kubernetes.at("/spec/selector").isMissingNode()).isTrue();
    ObjectNode dns = get("", "services", "kube-system", "kube-dns");
    assertThat(dns.at("/spec/clusterIP").asText()).isEqualTo("10.43.0.10");
    assertThat(dns.at("/metadata/labels/k8s-app").asText()).isEqualTo("kube-dns");
    assertThat(dns.at("/spec/ports").toString())
        .contains("\"name\":\"dns\",\"port\":53,\"protocol\":\"UDP\"")
        .contains("\"name\":\"dns-tcp\",\"port\":53,\"protocol\":\"TCP\"");
    assertThat(dns.at("/spec/selector").isMissingNode()).isTrue();

    // a second start keeps both, and follows a new API port
    String uid = kubernetes.at("/metadata/uid").asText();
    SystemServices.ensure(registry, ServiceNetwork.DEFAULTS, 7443);
    ObjectNode again = get("", "services", "default", "kubernetes");
    assertThat(again.at("/metadata/uid").asText()).isEqualTo(uid);
    assertThat(again.at("/spec/ports/0/targetPort").asInt()).isEqualTo(7443);
  }

  @Test
  void eachApiServerAddsItsAddressAndRemovesItOnShutdown() {
    KubernetesEndpoints one = new KubernetesEndpoints(registry, "192.0.2.1", 6443);
    KubernetesEndpoints two = new KubernetesEndpoints(registry, "192.0.2.2", 6443);
    one.reconcile(true);
    two.reconcile(true);
    one.reconcile(true);
    assertThat(addresses()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(sliceAddresses()).containsExactly("192.0.2.1", "192.0.2.2");
    ObjectNode slice = get("discovery.k8s.io", "endpointslices", "default", "kubernetes");
    assertThat(slice.at("/metadata/labels/kubernetes.io~1service-name").asText())
        .isEqualTo("kubernetes");
    assertThat(slice.at("/metadata/labels/endpointslice.kubernetes.io~1managed-by").asText())
        .isEqualTo("nauta-apiserver");
    assertThat(slice.at("/ports/0/port").asInt()).isEqualTo(6443);
    ObjectNode ep = get("", "endpoints", "default", "kubernetes");
    assertThat(ep.at("/subsets/0/ports/0/name").asText()).isEqualTo("https");

    one.close();
    assertThat(addresses()).containsExactly("192.0.2.2");
    assertThat(sliceAddresses()).containsExactly("192.0.2.2");
  }

  @Test
  void aServerThatStopsRenewingDropsOutWhenItsLeaseExpires() {
    KubernetesEndpoints dying = new KubernetesEndpoints(registry, "192.0.2.1", 6443);
    dying.reconcile(true);
    assertThat(addresses()).containsExactly("192.0.2.1");
    // another server, a lease duration and more later; the first never renewed (kill -9)
    Registry later =
        new Registry(
            registry.store(),
            registry.catalog(),
            Clock.offset(
                Clock.systemUTC(),
                java.time.Duration.ofSeconds(KubernetesEndpoints.LEASE_SECONDS + 5)));
    new KubernetesEndpoints(later, "192.0.2.2", 6443).reconcile(true);
    assertThat(addresses()).containsExactly("192.0.2.2");
    assertThat(sliceAddresses()).containsExactly("192.0.2.2");
    assertThat(get("coordination.k8s.io", "leases", "kube-system", "nauta-apiserver-192-0-2-2"))
        .isNotNull();
  }

  private List<String> addresses() {
    List<String> out = new ArrayList<>();
    for (JsonNode a : get("", "endpoints", "default", "kubernetes").at("/subsets/0/addresses")) {
      out.add(a.path("ip").asText());
    }
    return out;
  }

  private List<String> sliceAddresses() {
    List<String> out = new ArrayList<>();
    for (JsonNode e :
        get("discovery.k8s.io", "endpointslices", "default", "kubernetes").path("endpoints")) {
      out.add(e.path("addresses").path(0).asText());
    }
    return out;
  }
}
