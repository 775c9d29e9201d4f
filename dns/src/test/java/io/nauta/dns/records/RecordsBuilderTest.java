package io.nauta.dns.records;

import static io.nauta.dns.ClusterObjects.clusterIp;
import static io.nauta.dns.ClusterObjects.endpoint;
import static io.nauta.dns.ClusterObjects.externalName;
import static io.nauta.dns.ClusterObjects.headless;
import static io.nauta.dns.ClusterObjects.port;
import static io.nauta.dns.ClusterObjects.slice;
import static io.nauta.dns.ClusterObjects.slicePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsBuilderTest {
  private static InetAddress ip(String s) {
    return RecordsBuilder.address(s).orElseThrow();
  }

  private static ClusterRecords build(List<Service> services, List<EndpointSlice> slices) {
    return RecordsBuilder.build(services, slices, PodDirectory.NONE, 7);
  }

  @Test
  void clusterIpServicesResolveToTheirAddressAndBackFromIt() {
    ClusterRecords r =
        build(List.of(clusterIp("Shop", "Web", "10.43.0.20", port("HTTP", "TCP", 80))), List.of());
    ServiceEntry web = r.service("shop", "web").orElseThrow();
    assertThat(web.kind()).isEqualTo(ServiceEntry.Kind.CLUSTER_IP);
    assertThat(web.clusterIps()).containsExactly(ip("10.43.0.20"));
    assertThat(web.ports()).containsExactly(new ServicePort("http", "TCP", 80));
    assertThat(r.reverse(ip("10.43.0.20"))).contains("web.shop.svc");
    assertThat(r.hasNamespace("shop")).isTrue();
    assertThat(r.hasNamespace("other")).isFalse();
    assertThat(r.serial()).isEqualTo(7);
  }

  @Test
  void headlessServicesKeepOnlyReadyEndpointsOncePerAddress() {
    Service db = headless("ns", "db", port("sql", "TCP", 5432));
    EndpointSlice a =
        slice(
            "ns",
            "db",
            "db-a",
            List.of(slicePort("sql", "TCP", 15432)),
            endpoint("10.42.0.7", true, "DB-0"),
            endpoint("10.42.0.8", false, "db-1"),
            endpoint("10.42.0.9", true, null));
    EndpointSlice b = slice("ns", "db", "db-b", List.of(), endpoint("10.42.0.7", true, "dup"));
    ClusterRecords r = build(List.of(db), List.of(b, a));
    List<EndpointAddress> eps = r.service("ns", "db").orElseThrow().endpoints();
    assertThat(eps).extracting(EndpointAddress::label).containsExactly("db-0", "10-42-0-9");
    assertThat(eps.get(0).ports()).containsExactly(new ServicePort("sql", "TCP", 15432));
    assertThat(r.reverse(ip("10.42.0.7"))).contains("db-0.db.ns.svc");
    assertThat(r.reverse(ip("10.42.0.9"))).contains("10-42-0-9.db.ns.svc");
    assertThat(r.reverse(ip("10.42.0.8"))).isEmpty();
  }

  @Test
  void publishNotReadyAddressesMakesEveryEndpointCount() {
    Service db =
        new ServiceBuilder(headless("ns", "db"))
            .editSpec()
            .withPublishNotReadyAddresses(true)
            .endSpec()
            .build();
    ClusterRecords r =
        build(
            List.of(db),
            List.of(slice("ns", "db", "s", List.of(), endpoint("10.42.0.8", false, null))));
    assertThat(r.service("ns", "db").orElseThrow().endpoints()).hasSize(1);
  }

  @Test
  void clusterIpServicesDoNotHoldTheirEndpoints() {
    ClusterRecords r =
        build(
            List.of(clusterIp("ns", "web", "10.43.0.20")),
            List.of(slice("ns", "web", "s", List.of(), endpoint("10.42.0.8", true, null))));
    assertThat(r.service("ns", "web").orElseThrow().endpoints()).isEmpty();
    assertThat(r.reverse(ip("10.42.0.8"))).isEmpty();
  }

  @Test
  void externalNamesAreKeptWithoutTheTrailingDotAndUnusableOnesSkipped() {
    ClusterRecords r =
        build(
            List.of(
                externalName("ns", "mail", "Mail.Example.COM."),
                externalName("ns", "bad", "a..b"),
                externalName("ns", "none", "")),
            List.of());
    assertThat(r.service("ns", "mail").orElseThrow().externalName()).isEqualTo("mail.example.com");
    assertThat(r.service("ns", "bad")).isEmpty();
    assertThat(r.service("ns", "none")).isEmpty();
  }

  @Test
  void ignoresSlicesBeingDeletedOrOfNoServiceAndServicesWithoutASpec() {
    EndpointSlice deleting =
        new EndpointSliceBuilder(
                slice("ns", "db", "gone", List.of(), endpoint("10.42.0.1", true, null)))
            .editMetadata()
            .withDeletionTimestamp("2026-01-01T00:00:00Z")
            .endMetadata()
            .build();
    EndpointSlice orphan =
        new EndpointSliceBuilder(
                slice("ns", "db", "x", List.of(), endpoint("10.42.0.2", true, null)))
            .editMetadata()
            .withLabels(java.util.Map.of())
            .endMetadata()
            .build();
    Service noSpec =
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("n")
            .endMetadata()
            .build();
    ClusterRecords r = build(List.of(headless("ns", "db"), noSpec), List.of(deleting, orphan));
    assertThat(r.service("ns", "db").orElseThrow().endpoints()).isEmpty();
    assertThat(r.service("ns", "n")).isEmpty();
  }

  @Test
  void unparseableAddressesAreSkipped() {
    ClusterRecords r =
        build(
            List.of(clusterIp("ns", "web", "not-an-ip"), headless("ns", "db")),
            List.of(slice("ns", "db", "s", List.of(), endpoint("10.42.0.300", true, null))));
    assertThat(r.service("ns", "web").orElseThrow().clusterIps()).isEmpty();
    assertThat(r.service("ns", "db").orElseThrow().endpoints()).isEmpty();
  }
}
