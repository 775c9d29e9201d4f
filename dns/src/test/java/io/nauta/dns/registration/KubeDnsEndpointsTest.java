package io.nauta.dns.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class KubeDnsEndpointsTest {
  @Test
  void theSliceNamesTheListenAddressAndPortForBothProtocols() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.7");
    EndpointSlice s = KubeDnsEndpoints.slice(a, 10053, "node-1");
    assertThat(s.getMetadata().getName()).matches("kube-dns-[0-9a-f]{10}");
    assertThat(s.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(s.getMetadata().getLabels())
        .containsEntry("kubernetes.io/service-name", "kube-dns")
        .containsEntry("endpointslice.kubernetes.io/managed-by", "nauta-dns");
    assertThat(s.getAddressType()).isEqualTo("IPv4");
    assertThat(s.getEndpoints())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getAddresses()).containsExactly("192.0.2.7");
              assertThat(e.getConditions().getReady()).isTrue();
              assertThat(e.getNodeName()).isEqualTo("node-1");
            });
    assertThat(s.getPorts())
        .extracting(p -> p.getName() + "/" + p.getProtocol() + "/" + p.getPort())
        .containsExactly("dns/UDP/10053", "dns-tcp/TCP/10053");
  }

  @Test
  void serversAtOtherAddressesOrPortsHaveOtherSlices() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.7");
    InetAddress b = InetAddress.getByName("192.0.2.8");
    assertThat(KubeDnsEndpoints.sliceName(a, 53)).isEqualTo(KubeDnsEndpoints.sliceName(a, 53));
    assertThat(KubeDnsEndpoints.sliceName(a, 53)).isNotEqualTo(KubeDnsEndpoints.sliceName(b, 53));
    assertThat(KubeDnsEndpoints.sliceName(a, 53)).isNotEqualTo(KubeDnsEndpoints.sliceName(a, 54));
    assertThat(KubeDnsEndpoints.slice(InetAddress.getByName("fd00::1"), 53, null).getAddressType())
        .isEqualTo("IPv6");
  }

  @Test
  void aSliceThatDriftedIsNotTheSame() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.7");
    EndpointSlice desired = KubeDnsEndpoints.slice(a, 53, null);
    EndpointSlice served =
        new EndpointSliceBuilder(desired)
            .editMetadata()
            .withResourceVersion("12")
            .addToLabels("extra", "x")
            .endMetadata()
            .build();
    assertThat(KubeDnsEndpoints.same(served, desired)).isTrue();
    EndpointSlice otherPort =
        new EndpointSliceBuilder(desired).editFirstPort().withPort(54).endPort().build();
    assertThat(KubeDnsEndpoints.same(otherPort, desired)).isFalse();
    EndpointSlice notReady =
        new EndpointSliceBuilder(desired)
            .editFirstEndpoint()
            .editConditions()
            .withReady(false)
            .endConditions()
            .endEndpoint()
            .build();
    assertThat(KubeDnsEndpoints.same(notReady, desired)).isFalse();
  }

  @Test
  void theServiceHasNoSelectorAndTheClusterDnsPorts() {
    var svc = KubeDnsEndpoints.service("10.43.0.10");
    assertThat(svc.getSpec().getSelector()).isNullOrEmpty();
    assertThat(svc.getSpec().getClusterIP()).isEqualTo("10.43.0.10");
    assertThat(svc.getMetadata().getLabels()).containsEntry("k8s-app", "kube-dns");
    assertThat(svc.getSpec().getPorts())
        .extracting(p -> p.getName() + "/" + p.getProtocol() + "/" + p.getPort())
        .containsExactly("dns/UDP/53", "dns-tcp/TCP/53");
    assertThat(KubeDnsEndpoints.service(null).getSpec().getClusterIP()).isNull();
  }

  @Test
  void anEarlierRunsSliceAtTheSameAddressIsSuperseded() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.7");
    EndpointSlice mine = KubeDnsEndpoints.slice(a, 10053, null);
    assertThat(KubeDnsEndpoints.supersededBy(KubeDnsEndpoints.slice(a, 40000, null), mine))
        .isTrue();
    assertThat(KubeDnsEndpoints.supersededBy(mine, mine)).isFalse();
    EndpointSlice otherServer =
        KubeDnsEndpoints.slice(InetAddress.getByName("192.0.2.8"), 10053, null);
    assertThat(KubeDnsEndpoints.supersededBy(otherServer, mine)).isFalse();
  }
}
