package io.nauta.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaleFlowsTest {
  private static final ServicePort DNS =
      ServicePort.clusterIp("kube-system", "kube-dns", "dns", "UDP", 53, "10.43.0.10");

  private static Map<String, StaleFlows.UdpPort> udp(ServicePort port, String... ips) {
    return StaleFlows.udpPorts(
        List.of(port),
        Map.of(
            port.key(),
            java.util.Arrays.stream(ips).map(ip -> Endpoint.ready(ip, 5353, "a")).toList()),
        "a");
  }

  @Test
  void flowsToARemovedEndpointAreDeleted() {
    assertThat(StaleFlows.deletions(udp(DNS, "10.42.1.5", "10.42.1.6"), udp(DNS, "10.42.1.6")))
        .containsExactly(
            List.of("-D", "-p", "udp", "--orig-dst", "10.43.0.10", "--dst-nat", "10.42.1.5"));
  }

  @Test
  void nodePortFlowsToARemovedEndpointAreDeletedToo() {
    ServicePort np = DNS.withNodePort(30053);
    assertThat(StaleFlows.deletions(udp(np, "10.42.1.5"), udp(np)))
        .contains(
            List.of("-D", "-p", "udp", "--orig-dst", "10.43.0.10", "--dst-nat", "10.42.1.5"),
            List.of("-D", "-p", "udp", "--orig-port-dst", "30053", "--dst-nat", "10.42.1.5"));
  }

  @Test
  void flowsRefusedWhileThePortHadNoEndpointAreDeletedWhenOneComes() {
    assertThat(StaleFlows.deletions(udp(DNS), udp(DNS, "10.42.1.5")))
        .containsExactly(
            List.of("-D", "-p", "udp", "--orig-dst", "10.43.0.10", "--orig-port-dst", "53"));
  }

  @Test
  void nothingChangesNothingIsDeleted() {
    assertThat(StaleFlows.deletions(udp(DNS, "10.42.1.5"), udp(DNS, "10.42.1.5"))).isEmpty();
  }

  @Test
  void tcpFlowsAreLeftToTheirEndpoints() {
    ServicePort tcp = ServicePort.clusterIp("default", "web", "http", "TCP", 80, "10.43.0.50");
    assertThat(udp(tcp, "10.42.1.5")).isEmpty();
  }

  @Test
  void aDeletedServiceLosesAllItsFlows() {
    assertThat(StaleFlows.deletions(udp(DNS, "10.42.1.5", "10.42.1.6"), Map.of())).hasSize(2);
  }
}
