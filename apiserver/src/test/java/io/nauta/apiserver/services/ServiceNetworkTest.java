package io.nauta.apiserver.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceNetworkTest {
  @Test
  void defaultsAreTheClusterWideOnes() {
    ServiceNetwork n = ServiceNetwork.parse(null, null, null, null);
    assertThat(n.serviceCidr().describe()).isEqualTo("10.43.0.0/16");
    assertThat(n.nodePorts().describe()).isEqualTo("30000-32767");
    assertThat(n.clusterDns()).isEqualTo("10.43.0.10");
    assertThat(n.kubernetesServiceIp()).isEqualTo("10.43.0.1");
    assertThat(n.advertiseAddress()).isNull();
    assertThat(n).isEqualTo(ServiceNetwork.DEFAULTS);
  }

  @Test
  void theDnsAddressFollowsAnotherServiceCidr() {
    ServiceNetwork n = ServiceNetwork.parse("10.96.0.0/12", "", " ", "192.0.2.7");
    assertThat(n.clusterDns()).isEqualTo("10.96.0.10");
    assertThat(n.kubernetesServiceIp()).isEqualTo("10.96.0.1");
    assertThat(n.advertiseAddress()).isEqualTo("192.0.2.7");
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}: {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.43.0.0/16 | 30000-32767 | 10.44.0.10 | | is not a usable address of the service CIDR",
        "10.43.0.0/16 | 30000-32767 | 10.43.0.1 | | is the kubernetes Service's",
        "10.43.0.0/16 | 30000-32767 | 10.43.0.10 | host.example | must be an IPv4 address",
        "10.43.0.0 | 30000-32767 | 10.43.0.10 | | not a CIDR",
        "10.43.0.0/16 | 32767-30000 | 10.43.0.10 | | a port range must be",
      })
  void badSettingsAreRefusedWithTheReason(
      String cidr, String ports, String dns, String advertise, String reason) {
    assertThatThrownBy(() -> ServiceNetwork.parse(cidr, ports, dns, advertise))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }
}
