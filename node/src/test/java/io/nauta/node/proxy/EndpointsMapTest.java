package io.nauta.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.node.proxy.Fixtures.Ep;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsMapTest {
  private static final ServicePort.Key WEB = new ServicePort.Key("default", "web", "TCP", "http");

  @Test
  void mergesSlicesOfOneServiceAndCountsAnEndpointOnce() {
    var map =
        EndpointsMap.of(
            List.of(
                Fixtures.slice("web-1", "web", List.of(Ep.notReady("10.42.1.12", "a"))),
                Fixtures.slice(
                    "web-2",
                    "web",
                    List.of(Ep.ready("10.42.1.12", "a"), Ep.ready("10.42.1.2", "a")))));
    assertThat(map.get(WEB))
        .containsExactly(
            Endpoint.ready("10.42.1.2", 8080, "a"), Endpoint.ready("10.42.1.12", 8080, "a"));
  }

  @Test
  void unknownConditionsMeanReadyAndServing() {
    var slice =
        Fixtures.slice("web-1", "web", List.of(new Ep("10.42.1.5", null, null, null, null)));
    assertThat(EndpointsMap.of(List.of(slice)).get(WEB))
        .containsExactly(new Endpoint("10.42.1.5", 8080, "", true, true, false));
  }

  @Test
  void ignoresIpv6SlicesAndSlicesOfNoService() {
    var v6 = Fixtures.slice("web-1", "web", List.of(Ep.ready("10.42.1.5", "a")));
    v6.setAddressType("IPv6");
    var orphan = Fixtures.slice("x", "web", List.of(Ep.ready("10.42.1.6", "a")));
    orphan.getMetadata().setLabels(null);
    assertThat(EndpointsMap.of(List.of(v6, orphan))).isEmpty();
  }

  @Test
  void slicePortsMatchServicePortsByNameAndProtocol() {
    var udp =
        Fixtures.slice("dns-1", "web", "http", "UDP", 53, List.of(Ep.ready("10.42.1.5", "a")));
    var map = EndpointsMap.of(List.of(udp));
    assertThat(map).doesNotContainKey(WEB);
    assertThat(map.get(new ServicePort.Key("default", "web", "udp", "http"))).hasSize(1);
  }
}
